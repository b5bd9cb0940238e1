package org.voicequeue.api.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.voicequeue.audio.WavEncoder;
import org.voicequeue.model.job.JobEvent;
import org.voicequeue.model.job.JobEventType;
import org.voicequeue.model.job.JobStatus;
import org.voicequeue.model.job.JobSubmitted;
import org.voicequeue.model.kafka.Topics;
import org.voicequeue.model.redis.JobFields;
import org.voicequeue.model.redis.RedisKeys;
import org.voicequeue.testsupport.TestInfrastructure;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for worker-service: reads {@code JobSubmitted} of the given owners, claims the job in Redis, writes a
 * deterministic WAV (or a failure) into the job hash with the worker's key layout, and publishes the job events the
 * worker publishes. Every terminal event is published twice, as a redelivery would, to prove counting is idempotent.
 *
 * <p>Text markers: {@code [fail]} always fails, {@code [fail-once]} fails the first time its text is seen,
 * {@code [slow]} runs until the job's {@code cancel_requested} is set and then ends canceled.
 */
final class FakeWorker implements AutoCloseable {
    static final int RATE = 24_000;
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    /** The claim of worker-service's claim.lua, reduced to queued → running. */
    private static final RedisScript<Long> CLAIM = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'status') ~= 'queued' then return 0 end
            redis.call('SET', KEYS[2], ARGV[1], 'PX', 60000)
            redis.call('HSET', KEYS[1], 'status', 'running', 'started_at', ARGV[2], 'worker', ARGV[1],
              'progress', '0', 'attempts', '1')
            return 1
            """, Long.class);

    private final Set<String> owners;
    private final StringRedisTemplate redis;
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final ExecutorService jobs = Executors.newFixedThreadPool(8);
    private final Thread poller;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    /** Per batch: JobSubmitted received, and terminal events published. */
    final Map<String, Integer> receivedByBatch = new ConcurrentHashMap<>();

    final Map<String, Integer> endedByBatch = new ConcurrentHashMap<>();
    /** The most items of one batch received but not yet ended, seen at any time. */
    final Map<String, Integer> maxOutstandingByBatch = new ConcurrentHashMap<>();

    FakeWorker(StringRedisTemplate redis, Set<String> owners) {
        this.redis = redis;
        this.owners = owners;
        String bootstrap = TestInfrastructure.get().kafkaBootstrap();
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "fake-worker-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.JOBS, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(Topics.JOBS, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
        poller = new Thread(this::poll, "fake-worker");
        poller.start();
    }

    /** The audio the fake engine makes for a text: a constant level and a length that both depend on the text. */
    static float[] audioFor(String text) {
        int h = Math.floorMod(text.hashCode(), 1000);
        float[] samples = new float[2_400 + 24 * (h % 100)];
        java.util.Arrays.fill(samples, 0.05f + 0.0002f * h);
        return samples;
    }

    private void poll() {
        while (running.get()) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                JobSubmitted job = JSON.readValue(record.value(), JobSubmitted.class);
                if (owners.contains(job.owner())) {
                    if (job.batchId() != null) {
                        int received = receivedByBatch.merge(job.batchId(), 1, Integer::sum);
                        maxOutstandingByBatch.merge(
                                job.batchId(), received - endedByBatch.getOrDefault(job.batchId(), 0), Math::max);
                    }
                    jobs.submit(() -> run(job));
                }
            }
        }
    }

    private void run(JobSubmitted job) {
        try {
            String now = Instant.now().toString();
            Long claimed = redis.execute(
                    CLAIM, List.of(RedisKeys.job(job.jobId()), RedisKeys.jobLease(job.jobId())), "fake-worker", now);
            if (claimed == null || claimed != 1L) {
                return; // canceled or finished meanwhile: the real worker also runs nothing
            }
            publish(job, JobEventType.STARTED, null);
            String text = job.text();
            if (text.contains("[slow]")) {
                while (running.get()
                        && !"1"
                                .equals(redis.opsForHash()
                                        .get(RedisKeys.job(job.jobId()), JobFields.CANCEL_REQUESTED))) {
                    Thread.onSpinWait();
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
                }
                finish(job, JobStatus.CANCELED, Map.of());
            } else if (text.contains("[fail]") || (text.contains("[fail-once]") && failedOnce.add(text))) {
                finish(
                        job,
                        JobStatus.FAILED,
                        Map.of(
                                JobFields.ERROR_CODE,
                                "synthesis_failed",
                                JobFields.ERROR_MESSAGE,
                                "the fake engine was told to fail"));
            } else {
                float[] samples = audioFor(text);
                byte[] wav = WavEncoder.encodePcm16(samples, RATE);
                redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) c -> c.stringCommands()
                        .set(
                                RedisKeys.jobAudio(job.jobId()).getBytes(StandardCharsets.UTF_8),
                                wav,
                                org.springframework.data.redis.core.types.Expiration.from(Duration.ofHours(1)),
                                org.springframework.data.redis.connection.RedisStringCommands.SetOption.upsert()));
                finish(
                        job,
                        JobStatus.SUCCEEDED,
                        Map.of(
                                JobFields.PROGRESS,
                                "1",
                                JobFields.SAMPLE_RATE,
                                Integer.toString(RATE),
                                JobFields.DURATION_SECONDS,
                                Double.toString(samples.length / (double) RATE),
                                JobFields.EXPIRES_AT,
                                Instant.now().plus(Duration.ofHours(1)).toString(),
                                JobFields.SYNTHESIS_SECONDS,
                                "0.01"));
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
        }
    }

    private void finish(JobSubmitted job, JobStatus status, Map<String, String> fields) {
        redis.opsForHash().putAll(RedisKeys.job(job.jobId()), fields);
        redis.opsForHash()
                .putAll(
                        RedisKeys.job(job.jobId()),
                        Map.of(
                                JobFields.STATUS,
                                status.wireName(),
                                JobFields.COMPLETED_AT,
                                Instant.now().toString()));
        redis.delete(RedisKeys.jobLease(job.jobId()));
        JobEventType type = JobEventType.forTerminal(status);
        if (job.batchId() != null) {
            endedByBatch.merge(job.batchId(), 1, Integer::sum);
        }
        publish(job, type, fields.get(JobFields.ERROR_CODE));
        publish(job, type, fields.get(JobFields.ERROR_CODE)); // a redelivery, as Kafka may do
    }

    private void publish(JobSubmitted job, JobEventType type, String errorCode) {
        JobStatus status = switch (type) {
            case STARTED -> JobStatus.RUNNING;
            case COMPLETED -> JobStatus.SUCCEEDED;
            case FAILED -> JobStatus.FAILED;
            case CANCELED -> JobStatus.CANCELED;
        };
        JobEvent event = new JobEvent(
                JobEvent.SCHEMA_VERSION,
                "evt_" + job.jobId() + "_" + type.name().toLowerCase(Locale.ROOT),
                type,
                job.jobId(),
                job.owner(),
                job.batchId(),
                status,
                errorCode,
                Instant.now());
        try {
            producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, job.jobId(), JSON.writeValueAsString(event)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        running.set(false);
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        jobs.shutdownNow();
        consumer.close(Duration.ofSeconds(2));
        producer.close(Duration.ofSeconds(2));
    }
}
