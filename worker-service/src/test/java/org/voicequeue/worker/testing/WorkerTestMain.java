package org.voicequeue.worker.testing;

import java.util.Map;

/**
 * Entry point of the child JVM that {@code WorkerCrashIT} kills: a worker with a slow deterministic engine. Settings
 * arrive in {@code SPRING_APPLICATION_JSON} (the parent's {@link TestWorker#properties}).
 */
public final class WorkerTestMain {
    private WorkerTestMain() {}

    public static void main(String[] args) {
        TestWorker.start(Map.of(), new DeterministicSynthesizer(20));
    }
}
