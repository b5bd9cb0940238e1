package org.voicequeue.worker.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTests {

    @Test
    void idsAreLineNumbersAndUnknownTokensAreZero() {
        Vocabulary v = Vocabulary.of(" \na\nni3\n，\n");
        assertThat(v.size()).isEqualTo(4);
        assertThat(v.ids(List.of("a", " ", "ni3", "，", "zzz"))).containsExactly(1, 0, 2, 3, 0);
    }

    @Test
    void aLastLineWithoutNewlineLosesItsLastCharacterAsInTheOfficialLoader() {
        Vocabulary v = Vocabulary.of(" \nab");
        assertThat(v.contains("a")).isTrue();
        assertThat(v.contains("ab")).isFalse();
    }
}
