package org.voicequeue.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.voicequeue.model.job.JobEvent;
import org.voicequeue.model.job.JobEventType;
import org.voicequeue.model.job.JobSubmitted;
import org.voicequeue.model.kafka.Topics;
import org.voicequeue.model.redis.JobFields;
import org.voicequeue.model.redis.RedisKeys;
import org.voicequeue.model.redis.WorkerFields;
import org.voicequeue.worker.testing.DeterministicSynthesizer;
import org.voicequeue.worker.testing.JobFixtures;
import org.voicequeue.worker.testing.KafkaFixture;
import org.voicequeue.worker.testing.TestWorker;

/** One worker on real Kafka, Redis and S3, fed exactly as the api-service feeds it. */
class JobPipelineIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static KafkaFixture kafka;
    private static JobFixtures jobs;
    private static TestWorker worker;
    private static String group;

    @BeforeAll
    static void startWorker() {
        kafka = new KafkaFixture();
        jobs = new JobFixtures(kafka);
        group = kafka.freshGroupAtEnd();
        worker = TestWorker.start(TestWorker.properties("pipeline-worker", group), new DeterministicSynthesizer());
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
    void queuedJobRunsToSucceededWithAudioInRedisAndAStartedAndCompletedEvent() {
        try (KafkaFixture.Watch events = kafka.watch(Topics.JOB_EVENTS)) {
            JobSubmitted job = jobs.aQueuedJob("Hello from the pipeline [step-ms=150]");
            jobs.publish(job);

            await().atMost(TIMEOUT).until(() -> jobs.status(job.jobId()).equals("running"));
            await().atMost(TIMEOUT).until(() -> jobs.status(job.jobId()).equals("succeeded"));

            Map<Object, Object> record = jobs.job(job.jobId());
            assertThat(record)
                    .containsEntry(JobFields.PROGRESS, "1")
                    .containsEntry(JobFields.ATTEMPTS, "1")
                    .containsEntry(JobFields.WORKER, "pipeline-worker")
                    .containsEntry(JobFields.SAMPLE_RATE, Integer.toString(DeterministicSynthesizer.SAMPLE_RATE))
                    .containsKeys(
                            JobFields.STARTED_AT,
                            JobFields.COMPLETED_AT,
                            JobFields.EXPIRES_AT,
                            JobFields.DURATION_SECONDS,
                            JobFields.SYNTHESIS_SECONDS)
                    .doesNotContainKey(RedisJobStore.TERMINAL_EVENT_PENDING);
            byte[] wav = jobs.audio(job.jobId());
            assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
            assertThat(jobs.redis().getExpire(RedisKeys.jobAudio(job.jobId()))).isGreaterThan(23 * 3600L);
            assertThat(jobs.redis().hasKey(RedisKeys.jobLease(job.jobId()))).isFalse();

            await().atMost(TIMEOUT).until(() -> eventTypes(events, job.jobId()).contains(JobEventType.COMPLETED));
            assertThat(eventTypes(events, job.jobId())).containsExactly(JobEventType.STARTED, JobEventType.COMPLETED);
            assertThat(worker.synthesizer().synthesisCount(job.jobId())).isEqualTo(1);
        }
    }

    @Test
    void byDefaultTheWorkerRunsOneJobAtATime() {
        List<JobSubmitted> submitted = List.of(
                jobs.aQueuedJob("One [step-ms=40]"),
                jobs.aQueuedJob("Two [step-ms=40]"),
                jobs.aQueuedJob("Three [step-ms=40]"));
        submitted.forEach(jobs::publish);
        for (JobSubmitted job : submitted) {
            await().atMost(TIMEOUT).until(() -> jobs.status(job.jobId()).equals("succeeded"));
        }
        assertThat(worker.synthesizer().mostRunningAtOnce()).isEqualTo(1);
    }

    @Test
    void theSameMessagePublishedTwiceIsSynthesizedOnce() {
        JobSubmitted job = jobs.aQueuedJob("Say it once [step-ms=100]");
        jobs.publish(job);
        KafkaFixture.Sent duplicate = jobs.publish(job);

        await().atMost(TIMEOUT).until(() -> kafka.committed(group, duplicate.partition()) > duplicate.offset());
        assertThat(jobs.status(job.jobId())).isEqualTo("succeeded");
        assertThat(worker.synthesizer().synthesisCount(job.jobId())).isEqualTo(1);
        assertThat(jobs.job(job.jobId())).containsEntry(JobFields.ATTEMPTS, "1");
    }

    @Test
    void aRunningJobWhoseCancelIsRequestedStopsBetweenStepsAsCanceled() {
        try (KafkaFixture.Watch events = kafka.watch(Topics.JOB_EVENTS)) {
            JobSubmitted job = jobs.aQueuedJob("A long one to cancel [step-ms=500]");
            jobs.publish(job);
            await().atMost(TIMEOUT).until(() -> jobs.status(job.jobId()).equals("running"));

            jobs.requestCancel(job.jobId());

            await().atMost(TIMEOUT).until(() -> jobs.status(job.jobId()).equals("canceled"));
            assertThat(worker.synthesizer().completedCount(job.jobId())).isZero();
            assertThat(jobs.audio(job.jobId())).isEmpty();
            await().atMost(TIMEOUT).until(() -> eventTypes(events, job.jobId()).contains(JobEventType.CANCELED));
        }
    }

    @Test
    void anUnknownModelFailsAtOnceWithItsCodeADeadLetterAndAFailedEvent() {
        try (KafkaFixture.Watch events = kafka.watch(Topics.JOB_EVENTS);
                KafkaFixture.Watch deadLetters = kafka.watch(Topics.JOBS_DEAD_LETTER)) {
            JobSubmitted job = jobs.aQueuedJob(
                    "Nobody can say this", "NOPE-TTS", org.voicequeue.worker.testing.TestAudio.wav(1, 16_000));
            jobs.publish(job);

            await().atMost(TIMEOUT).until(() -> jobs.status(job.jobId()).equals("failed"));
            assertThat(jobs.job(job.jobId()))
                    .containsEntry(JobFields.ERROR_CODE, "unknown_model")
                    .containsEntry(JobFields.ATTEMPTS, "1");
            await().atMost(TIMEOUT)
                    .until(() -> !deadLetters.withKey(job.jobId()).isEmpty());
            ConsumerRecord<String, byte[]> letter =
                    deadLetters.withKey(job.jobId()).get(0);
            assertThat(KafkaFixture.header(letter, Topics.HEADER_ERROR_CODE)).isEqualTo("unknown_model");
            assertThat(JobFixtures.WIRE_JSON.readValue(letter.value(), JobSubmitted.class))
                    .isEqualTo(job);
            await().atMost(TIMEOUT).until(() -> eventTypes(events, job.jobId()).contains(JobEventType.FAILED));
        }
    }

    @Test
    void referenceAudioThatIsNotAudioFailsAsInvalidAudio() {
        JobSubmitted job = jobs.aQueuedJob("Bad reference", "F5-TTS", "definitely not audio".getBytes());
        jobs.publish(job);

        await().atMost(TIMEOUT).until(() -> jobs.status(job.jobId()).equals("failed"));
        assertThat(jobs.job(job.jobId())).containsEntry(JobFields.ERROR_CODE, "invalid_audio");
        assertThat(worker.synthesizer().synthesisCount(job.jobId())).isZero();
    }

    @Test
    void retryableFailuresAreRetriedWithBackoffAndCounted() {
        JobSubmitted job = jobs.aQueuedJob("Works on the third try [flaky=2]");
        jobs.publish(job);

        await().atMost(TIMEOUT).until(() -> jobs.status(job.jobId()).equals("succeeded"));
        assertThat(jobs.job(job.jobId())).containsEntry(JobFields.ATTEMPTS, "3");
    }

    @Test
    void retryableFailuresBeyondTheAttemptLimitFailAsRetriesExhausted() {
        JobSubmitted job = jobs.aQueuedJob("Never works [flaky=9]");
        jobs.publish(job);

        await().atMost(TIMEOUT).until(() -> jobs.status(job.jobId()).equals("failed"));
        assertThat(jobs.job(job.jobId()))
                .containsEntry(JobFields.ERROR_CODE, "retries_exhausted")
                .containsEntry(JobFields.ATTEMPTS, "3");
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndDoesNotBlockItsPartition() {
        try (KafkaFixture.Watch deadLetters = kafka.watch(Topics.JOBS_DEAD_LETTER)) {
            JobSubmitted job = jobs.aQueuedJob("After the poison");
            // same key, so the same partition: the poison sits right in front of the good job
            KafkaFixture.Sent poison = kafka.sendJob(job.jobId(), "{not json".getBytes(StandardCharsets.UTF_8));
            KafkaFixture.Sent good = jobs.publish(job);
            assertThat(good.partition()).isEqualTo(poison.partition());

            await().atMost(TIMEOUT).until(() -> jobs.status(job.jobId()).equals("succeeded"));
            await().atMost(TIMEOUT)
                    .until(() -> !deadLetters.withKey(job.jobId()).isEmpty());
            ConsumerRecord<String, byte[]> letter =
                    deadLetters.withKey(job.jobId()).get(0);
            assertThat(KafkaFixture.header(letter, Topics.HEADER_ERROR_CODE)).isEqualTo("validation_failed");
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        }
    }

    @Test
    void theWorkerAnnouncesItsModelsAndProviderInAHeartbeatThatExpires() {
        String key = RedisKeys.worker("pipeline-worker");
        await().atMost(TIMEOUT).until(() -> jobs.redis().hasKey(key));
        Map<Object, Object> heartbeat = jobs.redis().opsForHash().entries(key);
        assertThat(heartbeat).containsEntry(WorkerFields.PROVIDER, "TEST").containsKey(WorkerFields.HEARTBEAT_AT);
        assertThat(heartbeat.get(WorkerFields.MODELS).toString())
                .contains("\"id\":\"F5-TTS\"")
                .contains("\"sample_rate\":24000");
        assertThat(jobs.redis().getExpire(key)).isBetween(1L, 3L);
    }

    @Test
    void healthShowsProviderAndModelsAndReadinessCoversRedisAndKafka() throws Exception {
        String port = worker.context().getEnvironment().getProperty("local.server.port");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body())
                .contains("\"synthesizer\"")
                .contains("\"provider\":\"TEST\"")
                .contains("F5-TTS");
        HttpResponse<String> readiness = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"redis\"").contains("\"kafka\"").contains("\"jobConsumer\"");
    }

    private static List<JobEventType> eventTypes(KafkaFixture.Watch events, String jobId) {
        return events.withKey(jobId).stream()
                .map(record -> JobFixtures.WIRE_JSON
                        .readValue(record.value(), JobEvent.class)
                        .type())
                .toList();
    }
}
