package org.voicequeue.api.job;

import java.util.concurrent.TimeUnit;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.voicequeue.api.system.ServiceUnavailableException;
import org.voicequeue.api.system.VoiceQueueProperties;
import org.voicequeue.api.system.WireJson;
import org.voicequeue.model.job.JobEvent;
import org.voicequeue.model.job.JobSubmitted;
import org.voicequeue.model.kafka.Topics;

/** Publishes job facts, keyed by job id, and waits for the broker's acknowledgement (bounded). */
@Component
class KafkaJobPublisher {
    private final KafkaTemplate<String, String> kafka;
    private final WireJson json;
    private final long timeoutMillis;

    KafkaJobPublisher(KafkaTemplate<String, String> kafka, WireJson json, VoiceQueueProperties properties) {
        this.kafka = kafka;
        this.json = json;
        this.timeoutMillis = properties.kafka().sendTimeout().toMillis();
    }

    void publish(JobSubmitted submitted) {
        send(Topics.JOBS, submitted.jobId(), json.write(submitted));
    }

    void publish(JobEvent event) {
        send(Topics.JOB_EVENTS, event.jobId(), json.write(event));
    }

    private void send(String topic, String jobId, String payload) {
        try {
            kafka.send(topic, jobId, payload).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("Interrupted while queueing the job.", jobId, e);
        } catch (Exception e) {
            throw new ServiceUnavailableException("The job queue is unavailable; retry later.", jobId, e);
        }
    }
}
