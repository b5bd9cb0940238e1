package org.voicequeue.worker.job;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code jobConsumer}: the poll loop is alive (it polls even while a job runs, so a stale poll means it is stuck). */
@Component("jobConsumer")
class JobLoopHealthIndicator implements HealthIndicator {
    private static final Duration STALE = Duration.ofSeconds(30);

    private final JobConsumerLoop loop;

    JobLoopHealthIndicator(JobConsumerLoop loop) {
        this.loop = loop;
    }

    @Override
    public Health health() {
        Instant lastPoll = loop.lastPollAt();
        boolean fresh = lastPoll != null && lastPoll.isAfter(Instant.now().minus(STALE));
        Health.Builder builder = loop.isRunning() && fresh ? Health.up() : Health.down();
        return builder.withDetail("busy", loop.isBusy())
                .withDetail("last_poll_at", lastPoll == null ? "never" : lastPoll.toString())
                .build();
    }
}
