package org.voicequeue.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTests {
    private static final Duration BASE = Duration.ofSeconds(5);
    private static final Duration CAP = Duration.ofHours(1);

    @Test
    void theCeilingDoublesFromTheBaseUntilTheCap() {
        Backoff backoff = new Backoff(BASE, CAP, () -> 1.0);

        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.ceiling(10)).isEqualTo(Duration.ofSeconds(2560));
        assertThat(backoff.ceiling(11)).isEqualTo(CAP);
        assertThat(backoff.ceiling(1_000)).isEqualTo(CAP);
    }

    @Test
    void fullJitterKeepsEveryDelayBetweenZeroAndTheCeiling() {
        Backoff backoff = new Backoff(BASE, CAP, Backoff.Jitter.FULL);
        Set<Duration> seen = new HashSet<>();

        for (int attempt = 1; attempt <= 20; attempt++) {
            for (int i = 0; i < 200; i++) {
                Duration delay = backoff.delayAfter(attempt);
                assertThat(delay).isBetween(Duration.ZERO, backoff.ceiling(attempt));
                seen.add(delay);
            }
        }
        assertThat(seen).as("jittered, not constant").hasSizeGreaterThan(100);
    }

    @Test
    void theJitterFractionScalesTheCeilingAndIsClampedToZeroToOne() {
        assertThat(new Backoff(BASE, CAP, () -> 0.0).delayAfter(3)).isEqualTo(Duration.ZERO);
        assertThat(new Backoff(BASE, CAP, () -> 0.5).delayAfter(3)).isEqualTo(Duration.ofSeconds(10));
        assertThat(new Backoff(BASE, CAP, () -> 7.0).delayAfter(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(new Backoff(BASE, CAP, () -> -1.0).delayAfter(3)).isEqualTo(Duration.ZERO);
    }

    @Test
    void theDefaultScheduleRetriesForTheWholeDayWithoutExceedingTheCap() {
        Backoff backoff = new Backoff(BASE, CAP, () -> 1.0);
        Duration total = Duration.ZERO;
        int attempts = 0;
        while (total.compareTo(Duration.ofHours(24)) < 0) {
            attempts++;
            total = total.plus(backoff.delayAfter(attempts));
        }
        // 5 s .. 2560 s (about 85 min in total), then hourly: about 33 attempts to cover 24 h at the ceiling
        assertThat(attempts).isBetween(30, 36);
    }
}
