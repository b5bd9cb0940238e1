package org.voicequeue.worker.synthesis.onnx;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Cross-job batching: transformer steps that several jobs ask for at about the same time are run as one batched
 * call, one row per job. Rows of the transformer graph are independent (each row carries its own {@code time}; a
 * batched run gives every row the same velocity as a run of that row alone), but the graphs take no padding mask,
 * so only chunks with the same frame count {@code D} share a run ("when their lengths allow").
 *
 * <p>How a batch forms: every chunk solve {@link #join joins} the group of its frame count for as long as its Euler
 * loop runs. A step waits until every member of its group is waiting too (they run in lock-step once batched: their
 * steps cost the same), or until {@code window} has passed since it arrived, or until {@code maxRows} rows wait; then
 * the thread that noticed runs the batch and hands every waiting row its velocity. A chunk alone in its group never
 * waits, so with one job at a time this adds nothing.
 */
final class StepBatcher {

    /** One row of a batched step: the inputs {@link OnnxModel#steps} stacks along the batch axis. */
    record Row(float[] x, float[] cond, float[] textCond, float[] textUncond, float time) {}

    /** Runs rows of equal frame count as one batch; returns one velocity per row, in order. */
    interface Runner {
        List<VelocityField.Velocity> run(int frames, List<Row> rows) throws Exception;
    }

    private final Runner runner;
    private final int maxRows;
    private final long windowNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<Integer, Group> groups = new HashMap<>();
    private final LongAdder runs = new LongAdder();
    private final LongAdder rowsRun = new LongAdder();

    StepBatcher(Runner runner, int maxRows, Duration window) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be >= 1");
        }
        this.runner = runner;
        this.maxRows = maxRows;
        this.windowNanos = window.toNanos();
    }

    /** Transformer runs so far and the rows they carried: rows / runs is the mean batch size. */
    record Stats(long runs, long rows) {}

    Stats stats() {
        return new Stats(runs.sum(), rowsRun.sum());
    }

    /** Registers one chunk solve of {@code frames} frames; close the member when its last step is done. */
    Member join(int frames) {
        lock.lock();
        try {
            groups.computeIfAbsent(frames, f -> new Group()).members++;
            return new Member(frames);
        } finally {
            lock.unlock();
        }
    }

    private static final class Group {
        int members;
        final Deque<Waiting> waiting = new ArrayDeque<>();
    }

    private static final class Waiting {
        final Row row;
        final CompletableFuture<VelocityField.Velocity> result = new CompletableFuture<>();
        boolean taken;

        Waiting(Row row) {
            this.row = row;
        }
    }

    /** One chunk solve's seat in its group. Not thread-safe: one solve calls it from one thread. */
    final class Member implements AutoCloseable {
        private final int frames;
        private boolean closed;

        private Member(int frames) {
            this.frames = frames;
        }

        VelocityField.Velocity step(Row row) throws Exception {
            Waiting me = new Waiting(row);
            List<Waiting> batch = null;
            lock.lock();
            try {
                Group group = groups.get(frames);
                group.waiting.addLast(me);
                changed.signalAll();
                long deadline = System.nanoTime() + windowNanos;
                while (!me.taken) {
                    long left = deadline - System.nanoTime();
                    if (group.waiting.size() >= Math.min(group.members, maxRows) || left <= 0) {
                        batch = take(group, me);
                        changed.signalAll();
                        break;
                    }
                    try {
                        changed.awaitNanos(left);
                    } catch (InterruptedException e) {
                        if (!me.taken) {
                            group.waiting.remove(me);
                        }
                        throw e;
                    }
                }
            } finally {
                lock.unlock();
            }
            if (batch != null) {
                runBatch(frames, batch);
            }
            try {
                return me.result.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!closed) {
                    closed = true;
                    Group group = groups.get(frames);
                    if (--group.members == 0) {
                        groups.remove(frames);
                    }
                    changed.signalAll(); // waiting rows may no longer need to wait for this one
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Takes {@code me} plus the oldest other waiting rows, up to {@code maxRows}. Holds the lock. */
    private List<Waiting> take(Group group, Waiting me) {
        List<Waiting> batch = new ArrayList<>(Math.min(group.waiting.size(), maxRows));
        group.waiting.remove(me);
        batch.add(me);
        while (batch.size() < maxRows && !group.waiting.isEmpty()) {
            batch.add(group.waiting.pollFirst());
        }
        batch.forEach(w -> w.taken = true);
        return batch;
    }

    private void runBatch(int frames, List<Waiting> batch) {
        try {
            List<VelocityField.Velocity> out =
                    runner.run(frames, batch.stream().map(w -> w.row).toList());
            runs.increment();
            rowsRun.add(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result.complete(out.get(i));
            }
        } catch (Throwable e) {
            batch.forEach(w -> w.result.completeExceptionally(e));
        }
    }
}
