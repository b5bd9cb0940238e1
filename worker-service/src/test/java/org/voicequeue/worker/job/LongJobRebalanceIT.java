package org.voicequeue.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voicequeue.model.job.JobSubmitted;
import org.voicequeue.model.redis.JobFields;
import org.voicequeue.worker.testing.DeterministicSynthesizer;
import org.voicequeue.worker.testing.JobFixtures;
import org.voicequeue.worker.testing.KafkaFixture;
import org.voicequeue.worker.testing.TestWorker;

/**
 * The known trap: a synthesis longer than {@code max.poll.interval.ms}. A worker that ran jobs on its poll thread
 * would be dropped from the group after 3 s, and the second worker would run the job again.
 */
class LongJobRebalanceIT {
    private KafkaFixture kafka;
    private JobFixtures jobs;
    private TestWorker first;
    private TestWorker second;

    @BeforeEach
    void fixtures() {
        kafka = new KafkaFixture();
        jobs = new JobFixtures(kafka);
    }

    @AfterEach
    void stopWorkers() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        jobs.close();
        kafka.close();
    }

    @Test
    void aJobLongerThanMaxPollIntervalIsNotRunByASecondWorkerOfTheGroup() {
        String group = kafka.freshGroupAtEnd();
        first = TestWorker.start(shortPollInterval("long-job-first", group), new DeterministicSynthesizer(16));
        JobSubmitted job = jobs.aQueuedJob("Eight seconds of work [step-ms=500]");
        KafkaFixture.Sent sent = jobs.publish(job);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jobs.status(job.jobId()).equals("running"));

        second = TestWorker.start(shortPollInterval("long-job-second", group), new DeterministicSynthesizer(16));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> jobs.status(job.jobId()).equals("succeeded"));
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.committed(group, sent.partition()) > sent.offset());
        int runs = first.synthesizer().synthesisCount(job.jobId())
                + second.synthesizer().synthesisCount(job.jobId());
        assertThat(runs).isEqualTo(1);
        assertThat(jobs.job(job.jobId()))
                .containsEntry(JobFields.ATTEMPTS, "1")
                .containsEntry(JobFields.WORKER, "long-job-first");
        double synthesisSeconds = Double.parseDouble(
                jobs.job(job.jobId()).get(JobFields.SYNTHESIS_SECONDS).toString());
        assertThat(synthesisSeconds).isGreaterThan(3 * 2); // really longer than max.poll.interval.ms
    }

    private static Map<String, String> shortPollInterval(String workerId, String group) {
        Map<String, String> properties = TestWorker.properties(workerId, group);
        properties.put("spring.kafka.consumer.properties.max.poll.interval.ms", "3000");
        return properties;
    }
}
