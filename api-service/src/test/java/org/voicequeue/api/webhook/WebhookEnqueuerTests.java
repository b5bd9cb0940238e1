package org.voicequeue.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhookEnqueuerTests {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BATCH = "batch_01JZ8Q4V6X2M3N4P5R6S7T8V9W";

    @Test
    void theBodyIsTheStandardEnvelopeAroundTheResource() {
        Instant at = Instant.parse("2026-01-02T03:04:05.678Z");

        JsonNode body = JSON.readTree(
                WebhookEnqueuer.body(JSON, "batch.completed", at, Map.of("id", BATCH, "status", "partially_failed")));

        assertThat(body.propertyNames()).containsExactly("type", "timestamp", "data");
        assertThat(body.get("type").asString()).isEqualTo("batch.completed");
        assertThat(body.get("timestamp").asString()).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(body.get("data").get("status").asString()).isEqualTo("partially_failed");
    }

    @Test
    void aCompletionHasOneWebhookIdWithoutDotsAndASecondCompletionAfterARetryAnother() {
        Instant first = Instant.parse("2026-01-02T03:04:05.678Z");

        String id = WebhookEnqueuer.batchCompletedId(BATCH, first);

        assertThat(id).isEqualTo("msg_" + BATCH + "_completed_1767323045678").doesNotContain(".");
        assertThat(WebhookEnqueuer.batchCompletedId(BATCH, Instant.parse("2026-01-02T03:04:05.678Z")))
                .isEqualTo(id);
        assertThat(WebhookEnqueuer.batchCompletedId(BATCH, first.plusSeconds(60)))
                .isNotEqualTo(id);
    }

    @ParameterizedTest(name = "callback_events={0} -> {1}")
    @CsvSource(
            nullValues = "none",
            value = {
                "none, true",
                "'completed,failed,canceled', true",
                "completed, true",
                "'started,completed', true",
                "started, false",
                "'failed,canceled', false",
                "bogus, false"
            })
    void aBatchIsSubscribedUnlessItsEventsLeaveOutCompleted(String events, boolean subscribed) {
        assertThat(WebhookEnqueuer.wantsBatchCompleted(events)).isEqualTo(subscribed);
    }

    @Test
    void withoutACallbackUrlOrSubscriptionNothingIsRenderedOrQueued() {
        // an outbox without a Redis connection: any use of it would throw
        var enqueuer = new WebhookEnqueuer(
                new RedisDeliveryOutbox(new StringRedisTemplate(), Duration.ofDays(7)),
                JSON,
                Duration.ofHours(24),
                Clock.systemUTC());
        Instant at = Instant.now();

        assertThat(enqueuer.batchCompleted(BATCH, null, null, at, WebhookEnqueuerTests::mustNotRender))
                .isFalse();
        assertThat(enqueuer.batchCompleted(BATCH, " ", null, at, WebhookEnqueuerTests::mustNotRender))
                .isFalse();
        assertThat(enqueuer.batchCompleted(
                        BATCH, "https://example.com/hook", "started", at, WebhookEnqueuerTests::mustNotRender))
                .isFalse();
    }

    private static Object mustNotRender() {
        throw new AssertionError("the batch was rendered although nothing is sent");
    }
}
