package org.voicequeue.worker.job;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicequeue.worker.synthesis.SynthesisListener;

/**
 * Bridges engine callbacks to the job record without letting a chatty engine hammer Redis: progress is written at
 * most every {@code minInterval} unless it moved by {@code minDelta}, and {@code cancel_requested} is read at most
 * every {@code cancelCheckInterval}. It also stops the engine when the lease was lost or the worker is stopping;
 * {@link #stopReason()} tells the caller which.
 */
final class JobProgressListener implements SynthesisListener {
    private static final Logger log = LoggerFactory.getLogger(JobProgressListener.class);

    enum StopReason {
        NONE,
        CANCEL_REQUESTED,
        LEASE_LOST,
        SHUTDOWN
    }

    /** The job-record operations the listener needs; a seam for unit tests. */
    interface JobRecord {
        boolean writeProgress(double progress);

        boolean isCancelRequested();
    }

    private final JobRecord record;
    private final BooleanSupplier leaseLost;
    private final BooleanSupplier shuttingDown;
    private final LongSupplier nanoClock;
    private final long minIntervalNanos;
    private final double minDelta;
    private final long cancelCheckNanos;

    private double lastWritten;
    private long lastWriteAt;
    private long lastCancelCheckAt;
    private boolean cancelSeen;
    private volatile StopReason stopReason = StopReason.NONE;

    JobProgressListener(
            JobRecord record,
            BooleanSupplier leaseLost,
            BooleanSupplier shuttingDown,
            Duration minInterval,
            double minDelta,
            Duration cancelCheckInterval,
            LongSupplier nanoClock) {
        this.record = record;
        this.leaseLost = leaseLost;
        this.shuttingDown = shuttingDown;
        this.nanoClock = nanoClock;
        this.minIntervalNanos = minInterval.toNanos();
        this.minDelta = minDelta;
        this.cancelCheckNanos = cancelCheckInterval.toNanos();
        this.lastWriteAt = nanoClock.getAsLong();
        this.lastCancelCheckAt = lastWriteAt - cancelCheckNanos;
    }

    @Override
    public synchronized void onProgress(double fraction) {
        double progress = Math.max(0, Math.min(1, fraction));
        long now = nanoClock.getAsLong();
        boolean due = now - lastWriteAt >= minIntervalNanos || progress - lastWritten >= minDelta;
        if (!due || progress <= lastWritten) {
            return;
        }
        try {
            record.writeProgress(progress);
            lastWritten = progress;
            lastWriteAt = now;
        } catch (RuntimeException e) {
            log.debug("Progress not written: {}", e.getMessage()); // progress is advisory; the result is not
        }
    }

    @Override
    public synchronized boolean isCanceled() {
        if (leaseLost.getAsBoolean()) {
            stopReason = StopReason.LEASE_LOST;
            return true;
        }
        if (shuttingDown.getAsBoolean()) {
            stopReason = StopReason.SHUTDOWN;
            return true;
        }
        long now = nanoClock.getAsLong();
        if (!cancelSeen && now - lastCancelCheckAt >= cancelCheckNanos) {
            lastCancelCheckAt = now;
            try {
                cancelSeen = record.isCancelRequested();
            } catch (RuntimeException e) {
                log.debug("Cancel flag not read: {}", e.getMessage());
            }
        }
        if (cancelSeen) {
            stopReason = StopReason.CANCEL_REQUESTED;
        }
        return cancelSeen;
    }

    StopReason stopReason() {
        return stopReason;
    }
}
