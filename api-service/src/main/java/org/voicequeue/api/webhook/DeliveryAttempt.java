package org.voicequeue.api.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One row of {@code GET /v1/jobs/{id}/deliveries} and one element of the {@code vq:job:{id}:deliveries} list.
 * Attempt rows have {@code outcome} {@code delivered}, {@code failed} (will be retried) or {@code given_up} (the last
 * attempt); a delivery still waiting is listed as one {@code pending} row with {@code next_attempt_at}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record DeliveryAttempt(
        @JsonProperty("webhook_id") String webhookId,
        @JsonProperty("event_type") String eventType,
        @JsonProperty("attempt") int attempt,
        @JsonProperty("attempted_at") @Nullable String attemptedAt,
        @JsonProperty("status_code") @Nullable Integer statusCode,
        @JsonProperty("latency_ms") @Nullable Long latencyMs,
        @JsonProperty("error") @Nullable String error,
        @JsonProperty("outcome") String outcome,
        @JsonProperty("next_attempt_at") @Nullable String nextAttemptAt) {

    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
    static final String GIVEN_UP = "given_up";
    static final String PENDING = "pending";
}
