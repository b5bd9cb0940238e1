package org.voicequeue.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.voicequeue.worker.job.JobProgressListener.StopReason;

class JobProgressListenerTests {
    private final List<Double> written = new ArrayList<>();
    private final AtomicInteger cancelReads = new AtomicInteger();
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private final AtomicBoolean leaseLost = new AtomicBoolean();
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private final JobProgressListener listener = new JobProgressListener(
            new JobProgressListener.JobRecord() {
                @Override
                public boolean writeProgress(double progress) {
                    written.add(progress);
                    return true;
                }

                @Override
                public boolean isCancelRequested() {
                    cancelReads.incrementAndGet();
                    return cancelRequested.get();
                }
            },
            leaseLost::get,
            shuttingDown::get,
            Duration.ofMillis(250),
            0.05,
            Duration.ofMillis(200),
            nanos::get);

    @Test
    void smallProgressStepsCloseTogetherAreNotWritten() {
        listener.onProgress(0.01);
        advance(10);
        listener.onProgress(0.02);

        assertThat(written).isEmpty();
    }

    @Test
    void progressIsWrittenAfterTheMinimumIntervalOrOnALargeEnoughChange() {
        listener.onProgress(0.10); // a 5 % jump: written at once
        advance(10);
        listener.onProgress(0.11); // too soon, too small
        advance(300);
        listener.onProgress(0.12); // interval passed

        assertThat(written).containsExactly(0.10, 0.12);
    }

    @Test
    void progressNeverGoesBackwardsAndStaysWithinZeroAndOne() {
        listener.onProgress(0.5);
        advance(300);
        listener.onProgress(0.4);
        advance(300);
        listener.onProgress(1.7);

        assertThat(written).containsExactly(0.5, 1.0);
    }

    @Test
    void theCancelFlagIsReadAtMostEveryTwoHundredMilliseconds() {
        for (int i = 0; i < 10; i++) {
            listener.isCanceled();
            advance(50);
        }

        assertThat(cancelReads.get()).isEqualTo(3); // at 0, 200 and 400 ms
    }

    @Test
    void aRequestedCancelStopsTheEngineAndSaysWhy() {
        cancelRequested.set(true);

        assertThat(listener.isCanceled()).isTrue();
        assertThat(listener.stopReason()).isEqualTo(StopReason.CANCEL_REQUESTED);
    }

    @Test
    void aLostLeaseStopsTheEngineWithoutAskingRedis() {
        leaseLost.set(true);

        assertThat(listener.isCanceled()).isTrue();
        assertThat(listener.stopReason()).isEqualTo(StopReason.LEASE_LOST);
        assertThat(cancelReads.get()).isZero();
    }

    @Test
    void aStoppingWorkerStopsTheEngineForAHandBack() {
        shuttingDown.set(true);

        assertThat(listener.isCanceled()).isTrue();
        assertThat(listener.stopReason()).isEqualTo(StopReason.SHUTDOWN);
    }

    private void advance(long millis) {
        nanos.addAndGet(Duration.ofMillis(millis).toNanos());
    }
}
