package org.voicequeue.worker.testing;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.voicequeue.model.job.JobIds;
import org.voicequeue.model.job.JobParams;
import org.voicequeue.model.job.JobStatus;
import org.voicequeue.model.job.JobSubmitted;
import org.voicequeue.model.redis.JobFields;
import org.voicequeue.model.redis.RedisKeys;
import org.voicequeue.testsupport.TestInfrastructure;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submits jobs exactly as the api-service does: reference audio in the bucket under
 * {@code reference-audio/sha256/{hex}}, the job hash in Redis ({@code queued}, attempts 0), then a snake_case
 * {@code JobSubmitted} on the jobs topic keyed by the job id.
 */
public final class JobFixtures implements AutoCloseable {
    public static final String OWNER = "worker-it";
    public static final JsonMapper WIRE_JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private final LettuceConnectionFactory connectionFactory;
    private final StringRedisTemplate redis;
    private final MinioClient s3;
    private final KafkaFixture kafka;

    public JobFixtures(KafkaFixture kafka) {
        TestInfrastructure servers = TestInfrastructure.get();
        connectionFactory = new LettuceConnectionFactory(servers.redisHost(), servers.redisPort());
        connectionFactory.afterPropertiesSet();
        connectionFactory.start();
        redis = new StringRedisTemplate(connectionFactory);
        s3 = MinioClient.builder()
                .endpoint(servers.s3Endpoint())
                .region("us-east-1")
                .credentials(servers.s3AccessKey(), servers.s3SecretKey())
                .build();
        this.kafka = kafka;
        ensureBucket();
    }

    public StringRedisTemplate redis() {
        return redis;
    }

    /** A queued job with a valid reference clip. */
    public JobSubmitted aQueuedJob(String text) {
        return aQueuedJob(text, "F5-TTS", TestAudio.wav(1.5, 16_000));
    }

    public JobSubmitted aQueuedJob(String text, String model, byte[] referenceAudio) {
        String jobId = JobIds.newJobId();
        String key = "reference-audio/sha256/" + sha256(referenceAudio);
        putObject(key, referenceAudio);
        JobSubmitted job = new JobSubmitted(
                JobSubmitted.SCHEMA_VERSION,
                jobId,
                OWNER,
                model,
                key,
                "reference words",
                text,
                JobParams.defaults(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                null);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(JobFields.ID, jobId);
        fields.put(JobFields.OWNER, OWNER);
        fields.put(JobFields.STATUS, JobStatus.QUEUED.wireName());
        fields.put(JobFields.MODEL, model);
        fields.put(JobFields.PROGRESS, "0");
        fields.put(JobFields.CREATED_AT, job.submittedAt().toString());
        fields.put(JobFields.ATTEMPTS, "0");
        fields.put(JobFields.PARAMS, WIRE_JSON.writeValueAsString(job.params()));
        fields.put(JobFields.REFERENCE_AUDIO_KEY, key);
        fields.put(JobFields.REFERENCE_TEXT, job.referenceText());
        fields.put(JobFields.TEXT, text);
        redis.opsForHash().putAll(RedisKeys.job(jobId), fields);
        return job;
    }

    /** Publishes the submission; returns where it landed. */
    public KafkaFixture.Sent publish(JobSubmitted job) {
        return kafka.sendJob(job.jobId(), WIRE_JSON.writeValueAsBytes(job));
    }

    public KafkaFixture.Sent submit(String text) {
        return publish(aQueuedJob(text));
    }

    public Map<Object, Object> job(String jobId) {
        return redis.opsForHash().entries(RedisKeys.job(jobId));
    }

    public String status(String jobId) {
        Object status = redis.opsForHash().get(RedisKeys.job(jobId), JobFields.STATUS);
        return status == null ? "" : status.toString();
    }

    /** What the api-service does for DELETE of a running job. */
    public void requestCancel(String jobId) {
        redis.opsForHash().put(RedisKeys.job(jobId), JobFields.CANCEL_REQUESTED, "1");
    }

    public byte[] audio(String jobId) {
        byte[] audio = redis.execute((org.springframework.data.redis.core.RedisCallback<byte[]>) connection ->
                connection.stringCommands().get(RedisKeys.jobAudio(jobId).getBytes(StandardCharsets.UTF_8)));
        return audio == null ? new byte[0] : audio;
    }

    private void ensureBucket() {
        try {
            if (!s3.bucketExists(
                    BucketExistsArgs.builder().bucket(TestWorker.BUCKET).build())) {
                s3.makeBucket(MakeBucketArgs.builder().bucket(TestWorker.BUCKET).build());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the test bucket", e);
        }
    }

    private void putObject(String key, byte[] bytes) {
        try {
            s3.putObject(PutObjectArgs.builder()
                    .bucket(TestWorker.BUCKET)
                    .object(key)
                    .data(bytes, bytes.length)
                    .build());
        } catch (Exception e) {
            throw new IllegalStateException("cannot store the reference audio", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        connectionFactory.destroy();
    }
}
