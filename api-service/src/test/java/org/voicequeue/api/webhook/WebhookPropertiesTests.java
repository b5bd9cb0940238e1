package org.voicequeue.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class WebhookPropertiesTests {

    private static WebhookProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("voicequeue.webhook", WebhookProperties.class);
    }

    @Test
    void defaultsRetryForADayWithATenSecondTimeout() {
        WebhookProperties properties = bind(Map.of());

        assertThat(properties.retryWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.backoffBase()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.backoffCap()).isEqualTo(Duration.ofHours(1));
        assertThat(properties.maxResponseBody().toBytes()).isEqualTo(4096);
        assertThat(properties.consumerGroup()).isEqualTo("voicequeue-webhooks");
        assertThat(properties.allowedHosts()).isEmpty();
    }

    @ParameterizedTest(name = "retry window {0} = {1} s")
    @CsvSource(textBlock = """
            30s,  30
            24h,  86400
            PT24H, 86400
            P2D,  172800
            90m,  5400
            """)
    void theRetryWindowAcceptsIsoAndSimpleDurations(String value, long seconds) {
        WebhookProperties properties =
                bind(Map.of("voicequeue.webhook.retry-window", value, "voicequeue.webhook.history-ttl", "30d"));

        assertThat(properties.retryWindow()).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void allowedHostsAreACommaListWithBlanksIgnored() {
        WebhookProperties properties = bind(Map.of("voicequeue.webhook.allowed-hosts", "localhost, 10.0.0.1,,"));

        assertThat(properties.allowedHosts()).containsExactly("localhost", "10.0.0.1");
    }

    @Test
    void aLeaseShorterThanTwoTimeoutsIsRefusedBecauseItWouldDoubleSend() {
        assertThatThrownBy(() -> bind(Map.of("voicequeue.webhook.lease", "15s")))
                .rootCause()
                .hasMessageContaining("lease");
    }
}
