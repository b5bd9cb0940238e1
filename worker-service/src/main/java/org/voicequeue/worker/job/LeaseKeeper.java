package org.voicequeue.worker.job;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.voicequeue.worker.system.WorkerProperties;

/**
 * Renews the lease of the running job every few seconds on its own thread, so a long synthesis step (or a retry
 * backoff) never lets the lease lapse while the worker is alive. If a renewal finds the lease gone or taken, the job
 * is marked lost: the synthesis stops at the next step and nothing more is written.
 */
@Component
class LeaseKeeper implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final RedisJobStore store;
    private final String workerId;
    private final Duration ttl;
    private final Duration renewEvery;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "job-lease");
        thread.setDaemon(true);
        return thread;
    });

    LeaseKeeper(RedisJobStore store, WorkerProperties properties) {
        this.store = store;
        this.workerId = properties.worker().id();
        this.ttl = properties.lease().ttl();
        this.renewEvery = properties.lease().renewEvery();
    }

    HeldLease keep(String jobId) {
        HeldLease lease = new HeldLease(jobId);
        lease.renewal = scheduler.scheduleWithFixedDelay(
                lease::renew, renewEvery.toMillis(), renewEvery.toMillis(), TimeUnit.MILLISECONDS);
        return lease;
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }

    final class HeldLease implements AutoCloseable {
        private final String jobId;
        private final AtomicBoolean lost = new AtomicBoolean();
        private volatile ScheduledFuture<?> renewal;

        private HeldLease(String jobId) {
            this.jobId = jobId;
        }

        boolean isLost() {
            return lost.get();
        }

        private void renew() {
            try {
                if (!store.renewLease(jobId, workerId, ttl) && lost.compareAndSet(false, true)) {
                    log.warn("Lease of job {} was lost; stopping it without writing", jobId);
                }
            } catch (RuntimeException e) {
                // Redis unreachable for a moment: the lease has ttl - renewEvery of slack, try again next period
                log.warn("Could not renew the lease of job {}: {}", jobId, e.getMessage());
            }
        }

        @Override
        public void close() {
            renewal.cancel(false);
        }
    }
}
