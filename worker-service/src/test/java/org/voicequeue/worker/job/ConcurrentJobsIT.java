package org.voicequeue.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.voicequeue.model.job.JobSubmitted;
import org.voicequeue.worker.testing.DeterministicSynthesizer;
import org.voicequeue.worker.testing.JobFixtures;
import org.voicequeue.worker.testing.KafkaFixture;
import org.voicequeue.worker.testing.TestWorker;

/**
 * A worker with cross-job batching on ({@code voicequeue.batching.max-jobs=3}) on real Kafka, Redis and S3: it runs
 * up to three jobs at once, never two of one partition at once (offsets stay committed in order), and every job
 * still runs exactly once and is committed.
 */
class ConcurrentJobsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int MAX_JOBS = 3;

    private static KafkaFixture kafka;
    private static JobFixtures jobs;
    private static TestWorker worker;
    private static String group;

    @BeforeAll
    static void startWorker() {
        kafka = new KafkaFixture();
        jobs = new JobFixtures(kafka);
        group = kafka.freshGroupAtEnd();
        Map<String, String> properties = TestWorker.properties("concurrent-worker", group);
        properties.put("voicequeue.batching.max-jobs", Integer.toString(MAX_JOBS));
        worker = TestWorker.start(properties, new DeterministicSynthesizer());
    }

    @AfterAll
    static void stopWorker() {
        if (worker != null) {
            worker.close();
        }
        jobs.close();
        kafka.close();
    }

    @Test
    void upToMaxJobsRunAtOnceOnePerPartitionEachOnceAndAllCommitted() {
        List<JobSubmitted> submitted = new ArrayList<>();
        List<KafkaFixture.Sent> sent = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            JobSubmitted job = jobs.aQueuedJob("Concurrent job " + i + " [step-ms=60]");
            submitted.add(job);
            sent.add(jobs.publish(job));
        }

        for (JobSubmitted job : submitted) {
            await().atMost(TIMEOUT).until(() -> jobs.status(job.jobId()).equals("succeeded"));
        }
        for (KafkaFixture.Sent record : sent) {
            await().atMost(TIMEOUT).until(() -> kafka.committed(group, record.partition()) > record.offset());
        }

        DeterministicSynthesizer synthesizer = worker.synthesizer();
        assertThat(synthesizer.mostRunningAtOnce()).isBetween(2, MAX_JOBS);
        for (int i = 0; i < submitted.size(); i++) {
            assertThat(synthesizer.synthesisCount(submitted.get(i).jobId())).isEqualTo(1);
            for (int j = i + 1; j < submitted.size(); j++) {
                if (sent.get(i).partition() == sent.get(j).partition()) {
                    assertThat(overlap(submitted.get(i), submitted.get(j)))
                            .as(
                                    "jobs of partition %d ran at the same time",
                                    sent.get(i).partition())
                            .isFalse();
                }
            }
        }
    }

    private static boolean overlap(JobSubmitted a, JobSubmitted b) {
        long[] x = worker.synthesizer().interval(a.jobId());
        long[] y = worker.synthesizer().interval(b.jobId());
        return x[0] < y[1] && y[0] < x[1];
    }
}
