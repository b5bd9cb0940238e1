package org.voicequeue.api.webhook;

import java.time.Duration;

/**
 * Exponential backoff with full jitter: the delay after failed attempt {@code n} (1-based) is a uniform fraction of
 * {@code min(cap, base * 2^(n-1))}. Full jitter spreads the retries of many deliveries that failed together (the
 * receiver's outage) instead of sending them back in synchronized waves.
 */
final class Backoff {
    private final Duration base;
    private final Duration cap;
    private final Jitter jitter;

    Backoff(Duration base, Duration cap, Jitter jitter) {
        this.base = base;
        this.cap = cap;
        this.jitter = jitter;
    }

    /** The ceiling of the delay after failed attempt {@code attempt}: {@code min(cap, base * 2^(attempt-1))}. */
    Duration ceiling(int attempt) {
        int doublings = Math.min(Math.max(attempt, 1) - 1, 40); // 2^40 * base overflows nothing and exceeds any cap
        double millis = base.toMillis() * Math.pow(2, doublings);
        return millis >= cap.toMillis() ? cap : Duration.ofMillis((long) millis);
    }

    Duration delayAfter(int attempt) {
        double fraction = Math.min(1.0, Math.max(0.0, jitter.fraction()));
        return Duration.ofMillis(Math.round(ceiling(attempt).toMillis() * fraction));
    }

    /** Where a delay's randomness comes from: a fraction in [0, 1]. */
    @FunctionalInterface
    interface Jitter {
        Jitter FULL = () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble();

        double fraction();
    }
}
