package org.voicequeue.api.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of webhook delivery ({@code voicequeue.webhook.*}). Durations accept ISO-8601 ({@code PT24H}) or the
 * simple form ({@code 30s}, {@code 24h}).
 *
 * @param secret {@code whsec_<base64>}; a second one, comma-separated, during rotation (env
 *     {@code VOICEQUEUE_WEBHOOK_SECRET}). Never logged: {@link #toString()} hides it.
 * @param allowedHosts host names or IPs that may be called over http and even when they resolve to private, loopback
 *     or link-local addresses (env {@code VOICEQUEUE_WEBHOOK_ALLOWED_HOSTS})
 * @param retryWindow how long after the event was queued failed deliveries are retried: an attempt failing before
 *     its end always gets another, so retries span at least this long (env {@code VOICEQUEUE_WEBHOOK_RETRY_WINDOW})
 * @param backoffBase the largest delay after the first failed attempt; it doubles per attempt (full jitter below it)
 * @param backoffCap the largest delay between two attempts
 * @param timeout connect, read and total time an answer may take; later is a failure
 * @param maxResponseBody how much of an answer's body is read (then dropped)
 * @param pollInterval how often the dispatcher looks for due deliveries
 * @param senderThreads how many deliveries are sent at once by one api instance
 * @param lease how long a claimed delivery is reserved to its sender; must exceed {@code timeout} clearly, since a
 *     lapsed lease makes another instance send it again
 * @param historyTtl how long attempt records and finished deliveries are kept; longer than {@code retryWindow}
 * @param consumerGroup the Kafka consumer group reading job events for webhooks
 * @param dispatcherEnabled whether this instance sends deliveries (the outbox is shared by all instances)
 */
@ConfigurationProperties("voicequeue.webhook")
public record WebhookProperties(
        @DefaultValue("") String secret,
        @DefaultValue("") List<String> allowedHosts,
        @DefaultValue("24h") Duration retryWindow,
        @DefaultValue("5s") Duration backoffBase,
        @DefaultValue("1h") Duration backoffCap,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("4KB") DataSize maxResponseBody,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("4") int senderThreads,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("7d") Duration historyTtl,
        @DefaultValue("voicequeue-webhooks") String consumerGroup,
        @DefaultValue("true") boolean dispatcherEnabled) {

    public WebhookProperties {
        allowedHosts = allowedHosts.stream()
                .map(String::trim)
                .filter(h -> !h.isEmpty())
                .toList();
        requirePositive(retryWindow, "retry-window");
        requirePositive(backoffBase, "backoff-base");
        requirePositive(timeout, "timeout");
        requirePositive(pollInterval, "poll-interval");
        if (backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("voicequeue.webhook.backoff-cap must be at least backoff-base");
        }
        if (lease.compareTo(timeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("voicequeue.webhook.lease must be at least twice the timeout");
        }
        if (historyTtl.compareTo(retryWindow) <= 0) {
            throw new IllegalArgumentException("voicequeue.webhook.history-ttl must exceed retry-window");
        }
        if (senderThreads < 1) {
            throw new IllegalArgumentException("voicequeue.webhook.sender-threads must be at least 1");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("voicequeue.webhook." + name + " must be positive");
        }
    }

    @Override
    public String toString() {
        return "WebhookProperties[secret=" + (secret.isBlank() ? "<unset>" : "<set>") + ", allowedHosts=" + allowedHosts
                + ", retryWindow=" + retryWindow + ", timeout=" + timeout + "]";
    }
}
