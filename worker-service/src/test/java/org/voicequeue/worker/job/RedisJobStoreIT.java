package org.voicequeue.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.voicequeue.model.job.JobEventType;
import org.voicequeue.model.job.JobIds;
import org.voicequeue.model.redis.JobFields;
import org.voicequeue.model.redis.RedisKeys;
import org.voicequeue.testsupport.TestInfrastructure;
import org.voicequeue.worker.job.ClaimResult.Kind;

/** The Lua scripts on a real Redis: claim, lease, fencing, hand-back. */
class RedisJobStoreIT {
    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final int MAX_ATTEMPTS = 3;

    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;
    private static RedisJobStore store;

    @BeforeAll
    static void connect() {
        TestInfrastructure servers = TestInfrastructure.get();
        connections = new LettuceConnectionFactory(servers.redisHost(), servers.redisPort());
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
        store = new RedisJobStore(connections);
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
    }

    @Test
    void claimingAQueuedJobMakesItRunningUnderALeaseAndCountsTheAttempt() {
        String id = aJob("queued", 0);

        ClaimResult claim = store.claim(id, "w1", LEASE, MAX_ATTEMPTS, Instant.now());

        assertThat(claim.kind()).isEqualTo(Kind.CLAIMED);
        assertThat(claim.attempts()).isEqualTo(1);
        assertThat(hash(id))
                .containsEntry(JobFields.STATUS, "running")
                .containsEntry(JobFields.ATTEMPTS, "1")
                .containsEntry(JobFields.WORKER, "w1")
                .containsKey(JobFields.STARTED_AT);
        assertThat(redis.opsForValue().get(RedisKeys.jobLease(id))).isEqualTo("w1");
        assertThat(redis.getExpire(RedisKeys.jobLease(id))).isBetween(8L, 10L);
    }

    @Test
    void aLiveLeaseKeepsEveryOtherClaimOutIncludingTheSameMessageRedelivered() {
        String id = aJob("queued", 0);
        store.claim(id, "w1", LEASE, MAX_ATTEMPTS, Instant.now());

        ClaimResult other = store.claim(id, "w2", LEASE, MAX_ATTEMPTS, Instant.now());
        ClaimResult again = store.claim(id, "w1", LEASE, MAX_ATTEMPTS, Instant.now());

        assertThat(other.kind()).isEqualTo(Kind.LEASED);
        assertThat(other.holder()).isEqualTo("w1");
        assertThat(again.kind()).isEqualTo(Kind.LEASED);
        assertThat(hash(id)).containsEntry(JobFields.ATTEMPTS, "1");
    }

    @Test
    void aRunningJobWhoseLeaseLapsedIsClaimedByAnotherWorker() {
        String id = aJob("queued", 0);
        store.claim(id, "dead", Duration.ofMillis(300), MAX_ATTEMPTS, Instant.now());
        await().atMost(Duration.ofSeconds(5)).until(() -> !redis.hasKey(RedisKeys.jobLease(id)));

        ClaimResult claim = store.claim(id, "w2", LEASE, MAX_ATTEMPTS, Instant.now());

        assertThat(claim.kind()).isEqualTo(Kind.CLAIMED);
        assertThat(claim.attempts()).isEqualTo(2);
        assertThat(hash(id)).containsEntry(JobFields.WORKER, "w2");
    }

    @Test
    void aJobThatUsedAllItsAttemptsIsFailedInsteadOfClaimed() {
        String id = aJob("running", MAX_ATTEMPTS);

        ClaimResult claim = store.claim(id, "w1", LEASE, MAX_ATTEMPTS, Instant.now());

        assertThat(claim.kind()).isEqualTo(Kind.EXHAUSTED);
        assertThat(hash(id))
                .containsEntry(JobFields.STATUS, "failed")
                .containsEntry(JobFields.ERROR_CODE, "retries_exhausted")
                .containsEntry(RedisJobStore.TERMINAL_EVENT_PENDING, "FAILED");
    }

    @Test
    void terminalAndMissingJobsAreNeverClaimed() {
        for (String status : new String[] {"succeeded", "failed", "canceled"}) {
            String id = aJob(status, 1);
            assertThat(store.claim(id, "w1", LEASE, MAX_ATTEMPTS, Instant.now()).kind())
                    .isEqualTo(Kind.TERMINAL);
            assertThat(hash(id)).containsEntry(JobFields.STATUS, status);
            assertThat(redis.hasKey(RedisKeys.jobLease(id))).isFalse();
        }
        assertThat(store.claim(JobIds.newJobId(), "w1", LEASE, MAX_ATTEMPTS, Instant.now())
                        .kind())
                .isEqualTo(Kind.MISSING);
    }

    @Test
    void aCancelRequestedBeforeTheClaimCancelsTheJobWithAPendingEvent() {
        String id = aJob("running", 1);
        redis.opsForHash().put(RedisKeys.job(id), JobFields.CANCEL_REQUESTED, "1");

        ClaimResult claim = store.claim(id, "w1", LEASE, MAX_ATTEMPTS, Instant.now());

        assertThat(claim.kind()).isEqualTo(Kind.CANCELED);
        assertThat(hash(id))
                .containsEntry(JobFields.STATUS, "canceled")
                .containsEntry(RedisJobStore.TERMINAL_EVENT_PENDING, "CANCELED");
    }

    @Test
    void onlyTheLeaseHolderMayWriteProgressAttemptsOrTheResult() {
        String id = aJob("queued", 0);
        store.claim(id, "w1", LEASE, MAX_ATTEMPTS, Instant.now());

        assertThat(store.writeProgress(id, "w2", 0.5)).isFalse();
        assertThat(store.nextAttempt(id, "w2")).isEqualTo(-1);
        assertThat(store.renewLease(id, "w2", LEASE)).isFalse();
        assertThat(store.finish(
                        id,
                        "w2",
                        Map.of(JobFields.STATUS, "succeeded"),
                        JobEventType.COMPLETED,
                        new byte[] {1},
                        Duration.ofMinutes(1)))
                .isFalse();
        assertThat(store.release(id, "w2")).isFalse();
        assertThat(hash(id))
                .containsEntry(JobFields.STATUS, "running")
                .containsEntry(JobFields.PROGRESS, "0")
                .containsEntry(JobFields.ATTEMPTS, "1");
        assertThat(redis.hasKey(RedisKeys.jobAudio(id))).isFalse();

        assertThat(store.writeProgress(id, "w1", 0.5)).isTrue();
        assertThat(store.nextAttempt(id, "w1")).isEqualTo(2);
        assertThat(hash(id)).containsEntry(JobFields.PROGRESS, "0.5").containsEntry(JobFields.ATTEMPTS, "2");
    }

    @Test
    void finishingWritesTheAudioWithItsTtlMarksTheEventPendingAndDropsTheLease() {
        String id = aJob("queued", 0);
        store.claim(id, "w1", LEASE, MAX_ATTEMPTS, Instant.now());
        byte[] audio = {'R', 'I', 'F', 'F', 0, (byte) 0xff};

        boolean finished = store.finish(
                id,
                "w1",
                Map.of(JobFields.STATUS, "succeeded", JobFields.PROGRESS, "1"),
                JobEventType.COMPLETED,
                audio,
                Duration.ofMinutes(10));

        assertThat(finished).isTrue();
        assertThat(hash(id))
                .containsEntry(JobFields.STATUS, "succeeded")
                .containsEntry(RedisJobStore.TERMINAL_EVENT_PENDING, "COMPLETED");
        byte[] stored = redis.execute((org.springframework.data.redis.core.RedisCallback<byte[]>) connection ->
                connection.stringCommands().get(RedisKeys.jobAudio(id).getBytes()));
        assertThat(stored).isEqualTo(audio);
        assertThat(redis.getExpire(RedisKeys.jobAudio(id))).isBetween(590L, 600L);
        assertThat(redis.hasKey(RedisKeys.jobLease(id))).isFalse();
        assertThat(store.finish(
                        id, "w1", Map.of(JobFields.STATUS, "failed"), JobEventType.FAILED, null, Duration.ofMinutes(1)))
                .as("a second terminal write")
                .isFalse();

        store.eventPublished(id);
        assertThat(hash(id)).doesNotContainKey(RedisJobStore.TERMINAL_EVENT_PENDING);
    }

    @Test
    void aHandedBackJobIsQueuedAgainWithoutCountingTheAttempt() {
        String id = aJob("queued", 0);
        store.claim(id, "w1", LEASE, MAX_ATTEMPTS, Instant.now());

        assertThat(store.release(id, "w1")).isTrue();

        assertThat(hash(id)).containsEntry(JobFields.STATUS, "queued").containsEntry(JobFields.ATTEMPTS, "0");
        assertThat(redis.hasKey(RedisKeys.jobLease(id))).isFalse();
        assertThat(store.claim(id, "w2", LEASE, MAX_ATTEMPTS, Instant.now()).kind())
                .isEqualTo(Kind.CLAIMED);
    }

    @Test
    void theCancelFlagIsReadFromTheJobHash() {
        String id = aJob("running", 1);
        assertThat(store.isCancelRequested(id)).isFalse();
        redis.opsForHash().put(RedisKeys.job(id), JobFields.CANCEL_REQUESTED, "1");
        assertThat(store.isCancelRequested(id)).isTrue();
    }

    private static String aJob(String status, int attempts) {
        String id = JobIds.newJobId();
        redis.opsForHash()
                .putAll(
                        RedisKeys.job(id),
                        Map.of(
                                JobFields.ID,
                                id,
                                JobFields.STATUS,
                                status,
                                JobFields.ATTEMPTS,
                                Integer.toString(attempts),
                                JobFields.PROGRESS,
                                "0"));
        redis.expire(RedisKeys.job(id), Duration.ofHours(1));
        return id;
    }

    private static Map<Object, Object> hash(String id) {
        return redis.opsForHash().entries(RedisKeys.job(id));
    }
}
