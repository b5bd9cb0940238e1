package org.voicequeue.api.batch;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.voicequeue.model.job.JobEvent;
import org.voicequeue.model.job.JobEventType;
import org.voicequeue.model.kafka.Topics;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads job events in its own consumer group and hands the events of batch items to {@link BatchProgress}. Events
 * of single jobs are skipped at once. A Redis or Kafka failure is thrown so the container retries the record.
 */
@Component
class BatchEventListener {
    private static final Logger log = LoggerFactory.getLogger(BatchEventListener.class);
    private static final JsonMapper EVENTS = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final BatchProgress progress;

    BatchEventListener(BatchProgress progress) {
        this.progress = progress;
    }

    @KafkaListener(
            id = "voicequeue-batches",
            topics = Topics.JOB_EVENTS,
            groupId = "${voicequeue.batches.consumer-group:voicequeue-batches}",
            concurrency = "${voicequeue.batches.listener-concurrency:2}",
            containerFactory = BatchConfiguration.CONTAINER_FACTORY)
    void onEvent(ConsumerRecord<String, String> record) {
        read(record).ifPresent(this::handle);
    }

    void handle(JobEvent event) {
        String batchId = event.batchId();
        if (batchId == null) {
            return;
        }
        if (event.type() == JobEventType.STARTED) {
            progress.itemStarted(batchId);
        } else if (event.status() != null && event.status().isTerminal()) {
            progress.itemEnded(batchId, event.owner(), event.jobId(), event.status());
        }
    }

    private static Optional<JobEvent> read(ConsumerRecord<String, String> record) {
        try {
            JobEvent event = EVENTS.readValue(record.value(), JobEvent.class);
            if (event.jobId() == null || event.type() == null || event.owner() == null) {
                return Optional.empty();
            }
            return Optional.of(event);
        } catch (RuntimeException e) { // a poison record must not block the partition
            log.warn("Skipping unreadable job event at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return Optional.empty();
        }
    }
}
