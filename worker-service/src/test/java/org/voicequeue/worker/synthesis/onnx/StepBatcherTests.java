package org.voicequeue.worker.synthesis.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The coalescing rules, with a fake runner whose velocity is computed from each row ({@code x + time}), so a row
 * routed to the wrong caller shows. Windows are an hour where a test must prove that nobody waits for them.
 */
class StepBatcherTests {
    private static final Duration NEVER = Duration.ofHours(1);

    private final ExecutorService threads = Executors.newCachedThreadPool();
    /** Row counts of the runner's calls, in order. */
    private final List<Integer> runs = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private List<VelocityField.Velocity> fakeRun(int frames, List<StepBatcher.Row> rows) {
        runs.add(rows.size());
        List<VelocityField.Velocity> out = new ArrayList<>();
        for (StepBatcher.Row row : rows) {
            assertThat(row.x()).hasSize(frames);
            float[] vc = new float[frames];
            float[] vu = new float[frames];
            for (int i = 0; i < frames; i++) {
                vc[i] = row.x()[i] + row.time();
                vu[i] = row.x()[i] - row.time();
            }
            out.add(new VelocityField.Velocity(vc, vu));
        }
        return out;
    }

    private static StepBatcher.Row row(int frames, float value, float time) {
        float[] x = new float[frames];
        java.util.Arrays.fill(x, value);
        return new StepBatcher.Row(x, new float[frames], new float[frames], new float[frames], time);
    }

    @Test
    void aLoneChunkRunsAtOnceWithoutWaitingForTheWindow() throws Exception {
        StepBatcher batcher = new StepBatcher(this::fakeRun, 4, NEVER);
        try (StepBatcher.Member member = batcher.join(3)) {
            VelocityField.Velocity v = member.step(row(3, 1f, 0.5f));
            assertThat(v.conditional()).containsExactly(1.5f, 1.5f, 1.5f);
            assertThat(v.unconditional()).containsExactly(0.5f, 0.5f, 0.5f);
        }
        assertThat(runs).containsExactly(1);
    }

    @Test
    void chunksOfEqualLengthStepTogetherAndEachGetsItsOwnRowsVelocity() throws Exception {
        StepBatcher batcher = new StepBatcher(this::fakeRun, 4, NEVER);
        int members = 3;
        List<StepBatcher.Member> seats = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            seats.add(batcher.join(5));
        }
        List<Future<float[]>> results = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            StepBatcher.Member seat = seats.get(i);
            float value = i * 10f;
            float time = i / 10f;
            results.add(threads.submit(() -> {
                float[] last = null;
                for (int step = 0; step < 4; step++) { // four steps in lock-step
                    last = seat.step(row(5, value, time)).conditional();
                }
                seat.close();
                return last;
            }));
        }
        for (int i = 0; i < members; i++) {
            assertThat(results.get(i).get(10, TimeUnit.SECONDS)[0]).isEqualTo(i * 10f + i / 10f);
        }
        assertThat(runs).containsExactly(3, 3, 3, 3);
        assertThat(batcher.stats()).isEqualTo(new StepBatcher.Stats(4, 12));
    }

    @Test
    void chunksOfDifferentLengthsNeverShareARun() throws Exception {
        StepBatcher batcher = new StepBatcher(this::fakeRun, 4, NEVER);
        StepBatcher.Member shorter = batcher.join(3);
        StepBatcher.Member longer = batcher.join(4);
        Future<float[]> a = threads.submit(() -> shorter.step(row(3, 1f, 0f)).conditional());
        Future<float[]> b = threads.submit(() -> longer.step(row(4, 2f, 0f)).conditional());
        assertThat(a.get(10, TimeUnit.SECONDS)).hasSize(3);
        assertThat(b.get(10, TimeUnit.SECONDS)).hasSize(4);
        assertThat(runs).containsExactly(1, 1);
    }

    @Test
    void aWaitingStepStopsWaitingWhenTheOtherChunkOfItsLengthEnds() throws Exception {
        StepBatcher batcher = new StepBatcher(this::fakeRun, 4, NEVER);
        StepBatcher.Member stays = batcher.join(2);
        StepBatcher.Member leaves = batcher.join(2);
        Future<float[]> waiting =
                threads.submit(() -> stays.step(row(2, 1f, 0f)).conditional());
        Thread.onSpinWait();
        assertThat(waiting.isDone()).isFalse(); // it waits for the second member (window: an hour)
        leaves.close();
        assertThat(waiting.get(10, TimeUnit.SECONDS)).containsExactly(1f, 1f);
        assertThat(runs).containsExactly(1);
    }

    @Test
    void theWindowBoundsTheWaitForASlowMember() throws Exception {
        StepBatcher batcher = new StepBatcher(this::fakeRun, 4, Duration.ofMillis(50));
        StepBatcher.Member fast = batcher.join(2);
        batcher.join(2); // joined but never steps
        assertThat(fast.step(row(2, 3f, 0f)).conditional()).containsExactly(3f, 3f);
        assertThat(runs).containsExactly(1);
    }

    @Test
    void noBatchIsLargerThanMaxRows() throws Exception {
        StepBatcher batcher = new StepBatcher(this::fakeRun, 2, NEVER);
        List<StepBatcher.Member> seats = List.of(batcher.join(2), batcher.join(2), batcher.join(2));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<float[]>> results = new ArrayList<>();
        for (StepBatcher.Member seat : seats) {
            results.add(threads.submit(() -> {
                go.await();
                float[] v = seat.step(row(2, 1f, 0f)).conditional();
                seat.close();
                return v;
            }));
        }
        go.countDown();
        for (Future<float[]> result : results) {
            assertThat(result.get(10, TimeUnit.SECONDS)).containsExactly(1f, 1f);
        }
        assertThat(runs).allSatisfy(rows -> assertThat(rows).isLessThanOrEqualTo(2));
        assertThat(runs.stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
    }

    @Test
    void aFailedRunFailsEveryRowInIt() throws Exception {
        StepBatcher batcher = new StepBatcher(
                (frames, rows) -> {
                    throw new IllegalStateException("graph failed");
                },
                4,
                NEVER);
        StepBatcher.Member a = batcher.join(2);
        StepBatcher.Member b = batcher.join(2);
        Future<?> first = threads.submit(() -> a.step(row(2, 1f, 0f)));
        Future<?> second = threads.submit(() -> b.step(row(2, 1f, 0f)));
        for (Future<?> f : List.of(first, second)) {
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("graph failed");
        }
    }
}
