package org.voicequeue.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ApiKeysTests {
    static String sha256Hex(String key) {
        return HexFormat.of().formatHex(ApiKeys.sha256(key));
    }

    @Test
    void noKeysMeansOpenMode() {
        assertThat(ApiKeys.parse("").isOpen()).isTrue();
        assertThat(ApiKeys.parse(" , ").isOpen()).isTrue();
    }

    @Test
    void aKeyIsRecognisedByItsHashAndNamesItsOwner() {
        ApiKeys keys = ApiKeys.parse("ann:" + sha256Hex("ann-secret") + ", bob:" + sha256Hex("bob-secret"));

        assertThat(keys.isOpen()).isFalse();
        assertThat(keys.ownerOf("ann-secret")).contains("ann");
        assertThat(keys.ownerOf("bob-secret")).contains("bob");
        assertThat(keys.ownerOf("eve-guess")).isEmpty();
    }

    @Test
    void aMalformedEntryIsRefusedAtStart() {
        assertThatThrownBy(() -> ApiKeys.parse("ann")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiKeys.parse("ann:abcd")).isInstanceOf(IllegalArgumentException.class);
    }
}
