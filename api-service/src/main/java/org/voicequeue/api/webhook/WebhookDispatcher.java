package org.voicequeue.api.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Sends due deliveries from the outbox. One poller thread claims at most as many deliveries as there are free sender
 * threads, so nothing waits in a queue while holding a lease; the Kafka consumer never sends anything itself.
 * Stopping abandons in-flight attempts: their leases lapse and another (or the next) instance sends them again.
 */
final class WebhookDispatcher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final RedisDeliveryOutbox outbox;
    private final WebhookSender sender;
    private final Backoff backoff;
    private final AttemptJson json;
    private final WebhookProperties properties;
    private final Clock clock;
    private final Semaphore freeSenders;
    private volatile @Nullable ScheduledExecutorService poller;
    private volatile @Nullable ExecutorService senders;

    WebhookDispatcher(
            RedisDeliveryOutbox outbox,
            WebhookSender sender,
            Backoff backoff,
            AttemptJson json,
            WebhookProperties properties,
            Clock clock) {
        this.outbox = outbox;
        this.sender = sender;
        this.backoff = backoff;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
        this.freeSenders = new Semaphore(properties.senderThreads());
    }

    @Override
    public synchronized void start() {
        if (poller != null || !properties.dispatcherEnabled()) {
            return;
        }
        senders = Executors.newFixedThreadPool(properties.senderThreads(), named("webhook-send-"));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(named("webhook-poll-"));
        long interval = properties.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::pollSafely, interval, interval, TimeUnit.MILLISECONDS);
        poller = scheduler;
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService scheduler = poller;
        ExecutorService pool = senders;
        poller = null;
        senders = null;
        if (scheduler == null || pool == null) {
            return;
        }
        scheduler.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(properties.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow(); // their leases lapse; the deliveries are sent again later
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) { // Redis away: try again at the next tick
            log.warn("Webhook dispatcher could not claim deliveries: {}", e.toString());
        }
    }

    void poll() {
        ExecutorService pool = senders;
        int free = freeSenders.availablePermits();
        if (pool == null || free == 0) {
            return;
        }
        List<RedisDeliveryOutbox.Claimed> claimed = outbox.claim(clock.instant(), properties.lease(), free);
        for (RedisDeliveryOutbox.Claimed delivery : claimed) {
            freeSenders.acquireUninterruptibly(); // only this thread acquires, and it claimed no more than free
            try {
                pool.execute(() -> {
                    try {
                        attempt(delivery);
                    } finally {
                        freeSenders.release();
                    }
                });
            } catch (RuntimeException rejected) { // stopping: the lease lapses and the delivery is kept
                freeSenders.release();
            }
        }
    }

    void attempt(RedisDeliveryOutbox.Claimed claimed) {
        Delivery delivery = claimed.delivery();
        int attempt = delivery.attempts() + 1;
        Instant attemptedAt = clock.instant();
        WebhookSender.Result result = sender.send(delivery);
        Instant now = clock.instant();
        Instant next = now;
        String outcome;
        if (result.succeeded()) {
            outcome = DeliveryAttempt.DELIVERED;
        } else if (Integer.valueOf(410).equals(result.statusCode())) {
            outcome = DeliveryAttempt.GIVEN_UP; // 410 Gone: the receiver asked us to stop
        } else {
            // retried for at least the window: an attempt that fails before the deadline always gets another
            next = now.plus(delay(attempt, result.retryAfter()));
            outcome = now.isBefore(delivery.deadline()) ? DeliveryAttempt.FAILED : DeliveryAttempt.GIVEN_UP;
        }
        DeliveryAttempt row = new DeliveryAttempt(
                delivery.webhookId(),
                delivery.eventType(),
                attempt,
                attemptedAt.toString(),
                result.statusCode(),
                result.latencyMs(),
                result.error(),
                outcome,
                null);
        try {
            if (!outbox.record(claimed, json.write(row), outcome, next)) {
                log.warn(
                        "Webhook {} attempt {} finished after its lease lapsed; another sender owns it",
                        delivery.webhookId(),
                        attempt);
                return;
            }
        } catch (RuntimeException e) { // not recorded: the lease lapses and the attempt is repeated
            log.warn("Webhook {} attempt {} could not be recorded: {}", delivery.webhookId(), attempt, e.toString());
            return;
        }
        log.info(
                "Webhook {} for {} attempt {}: {} ({})",
                delivery.webhookId(),
                delivery.subjectId(),
                attempt,
                outcome,
                result.error() == null ? "HTTP " + result.statusCode() : result.error());
    }

    /** The backoff delay, or the receiver's Retry-After (in seconds) when longer, never beyond the cap. */
    private Duration delay(int attempt, @Nullable String retryAfter) {
        Duration delay = backoff.delayAfter(attempt);
        if (retryAfter != null) {
            try {
                Duration asked = Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
                if (asked.compareTo(delay) > 0) {
                    delay = asked.compareTo(properties.backoffCap()) > 0 ? properties.backoffCap() : asked;
                }
            } catch (NumberFormatException e) {
                // an HTTP date or garbage: keep our own schedule
            }
        }
        return delay;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
