package org.voicequeue.worker.job;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.voicequeue.model.job.JobEvent;
import org.voicequeue.model.job.JobEventType;
import org.voicequeue.model.job.JobStatus;
import org.voicequeue.model.job.JobSubmitted;
import org.voicequeue.model.kafka.Topics;

/**
 * What the worker writes to Kafka: job events and dead letters. Terminal events and dead letters wait for the
 * broker's acknowledgement because the consumer commits its offset right after; an unacknowledged send must leave the
 * offset uncommitted. STARTED is informational and is not waited for (see {@link #publishStarted}).
 */
@Component
class JobMessages {
    static final String HEADER_ERROR_MESSAGE = "vq-error-message";
    static final String HEADER_ORIGINAL_PARTITION = "vq-original-partition";
    static final String HEADER_ORIGINAL_OFFSET = "vq-original-offset";
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private static final Logger log = LoggerFactory.getLogger(JobMessages.class);

    private final KafkaTemplate<String, byte[]> kafka;

    JobMessages(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    /**
     * Event ids are stable (one per job and type, one per attempt for STARTED) so that a re-published event is
     * recognisable as the same fact by webhook consumers.
     */
    void publishEvent(JobSubmitted job, JobEventType type, @Nullable String errorCode, int attempt) {
        send(event(job, type, errorCode, attempt));
    }

    /**
     * Sends the STARTED event without waiting for its acknowledgement: nothing depends on it, and the wait was a
     * broker round trip between a job's claim and its synthesis on every job. Order is still kept: the job's events
     * share a key (one partition) and the producer is idempotent, so a later COMPLETED cannot overtake it.
     */
    void publishStarted(JobSubmitted job, int attempt) {
        kafka.send(event(job, JobEventType.STARTED, null, attempt)).whenComplete((result, failure) -> {
            if (failure != null) {
                log.warn("Started event of job {} not published: {}", job.jobId(), failure.getMessage());
            }
        });
    }

    private ProducerRecord<String, byte[]> event(
            JobSubmitted job, JobEventType type, @Nullable String errorCode, int attempt) {
        String eventId = "evt_" + job.jobId() + "_" + type.name().toLowerCase(Locale.ROOT)
                + (type == JobEventType.STARTED ? "_" + attempt : "");
        JobStatus status = switch (type) {
            case STARTED -> JobStatus.RUNNING;
            case COMPLETED -> JobStatus.SUCCEEDED;
            case FAILED -> JobStatus.FAILED;
            case CANCELED -> JobStatus.CANCELED;
        };
        JobEvent event = new JobEvent(
                JobEvent.SCHEMA_VERSION,
                eventId,
                type,
                job.jobId(),
                job.owner(),
                job.batchId(),
                status,
                errorCode,
                Instant.now());
        return new ProducerRecord<>(Topics.JOB_EVENTS, job.jobId(), JobJson.write(event));
    }

    /** Re-publishes the original record, as it was read, with the reason in headers. */
    void deadLetter(ConsumerRecord<String, byte[]> record, String errorCode, String errorMessage) {
        ProducerRecord<String, byte[]> letter =
                new ProducerRecord<>(Topics.JOBS_DEAD_LETTER, null, record.key(), record.value());
        letter.headers().add(Topics.HEADER_ERROR_CODE, utf8(errorCode));
        letter.headers().add(HEADER_ERROR_MESSAGE, utf8(errorMessage));
        letter.headers().add(HEADER_ORIGINAL_PARTITION, utf8(Integer.toString(record.partition())));
        letter.headers().add(HEADER_ORIGINAL_OFFSET, utf8(Long.toString(record.offset())));
        send(letter);
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            kafka.send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + record.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + record.topic(), e);
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
