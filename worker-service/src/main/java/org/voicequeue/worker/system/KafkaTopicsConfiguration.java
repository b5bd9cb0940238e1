package org.voicequeue.worker.system;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.voicequeue.model.kafka.Topics;

/** Creates the topics if they do not exist yet (Boot's KafkaAdmin applies NewTopic beans at start-up). */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    @Bean
    NewTopic jobsTopic(WorkerProperties properties) {
        return new NewTopic(
                Topics.JOBS,
                properties.kafka().jobPartitions(),
                properties.kafka().replicationFactor());
    }

    @Bean
    NewTopic jobsDeadLetterTopic(WorkerProperties properties) {
        return new NewTopic(Topics.JOBS_DEAD_LETTER, 1, properties.kafka().replicationFactor());
    }

    @Bean
    NewTopic jobEventsTopic(WorkerProperties properties) {
        return new NewTopic(
                Topics.JOB_EVENTS,
                properties.kafka().jobPartitions(),
                properties.kafka().replicationFactor());
    }
}
