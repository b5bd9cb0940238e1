package org.voicequeue.api.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.http.MediaType;
import org.voicequeue.model.redis.JobFields;
import org.voicequeue.testsupport.Service;
import org.voicequeue.testsupport.TestInfrastructure;

/** When Kafka, Redis or S3 cannot take a job the answer is 503 with Retry-After, and nothing half-made is left. */
class OutageIT extends ApiIntegrationSupport {
    private static final String OWNER = "outage";

    @AfterEach
    void everyServerIsBack() {
        for (Service service : Service.values()) {
            TestInfrastructure.get().start(service);
        }
        // the client reconnects with a backoff: wait for it so the next test starts from a working Redis
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> "PONG".equals(redis.execute(RedisConnection::ping)));
    }

    @Test
    void withKafkaDownTheSubmissionIsUnavailableAndNoJobIsLeftBehind() {
        long before = jobsOf(OWNER);
        Set<String> jobKeysBefore = redis.keys("vq:job:job_*");
        TestInfrastructure.get().stop(Service.KAFKA);

        long started = System.nanoTime();
        Answer answer = submit(OWNER, aValidForm("Kafka is down."), "kafka-down-1");

        expectUnavailable(answer);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(jobsOf(OWNER)).isEqualTo(before);
        Set<String> added = redis.keys("vq:job:job_*");
        added.removeAll(jobKeysBefore);
        added.removeIf(key -> !key.matches("vq:job:job_[0-9A-Z]{26}")); // leases, audio and the like are no jobs
        assertThat(added)
                .noneMatch(key -> owner(OWNER).equals(redis.opsForHash().get(key, JobFields.OWNER)));
        assertThat(redis.hasKey("vq:idem:" + owner(OWNER) + ":kafka-down-1")).isFalse();
    }

    @Test
    void withRedisDownTheSubmissionIsUnavailable() {
        TestInfrastructure.get().stop(Service.REDIS);

        long started = System.nanoTime();
        expectUnavailable(submit(OWNER, aValidForm("Redis is down."), null));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        expectUnavailable(get(OWNER, "/v1/jobs/job_01ARZ3NDEKTSV4RRFFQ69G5FAV"));
    }

    @Test
    void withTheObjectStoreDownTheSubmissionIsUnavailableAndNoJobIsCreated() {
        long before = jobsOf(OWNER);
        TestInfrastructure.get().stop(Service.S3);

        long started = System.nanoTime();
        expectUnavailable(submit(OWNER, aValidForm("S3 is down."), "s3-down-1"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(jobsOf(OWNER)).isEqualTo(before);
        assertThat(redis.hasKey("vq:idem:" + owner(OWNER) + ":s3-down-1")).isFalse();
    }

    @Test
    void afterAnOutageSubmissionsWorkAgain() {
        TestInfrastructure.get().stop(Service.KAFKA);
        expectUnavailable(submit(OWNER, aValidForm("Down."), null));
        TestInfrastructure.get().start(Service.KAFKA);

        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        submit(OWNER, aValidForm("Up again."), null).status().value() == 202);
    }

    private static void expectUnavailable(Answer answer) {
        assertThat(answer.status().value()).isEqualTo(503);
        assertThat(answer.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.headers().getFirst("Retry-After")).isNotBlank();
        assertThat(answer.code()).isEqualTo("service_unavailable");
    }
}
