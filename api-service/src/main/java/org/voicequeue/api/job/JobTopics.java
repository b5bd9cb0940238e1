package org.voicequeue.api.job;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.voicequeue.api.system.VoiceQueueProperties;
import org.voicequeue.model.kafka.Topics;

/** The topics this service writes to, created at start by Spring's KafkaAdmin when missing. */
@Configuration(proxyBeanMethods = false)
class JobTopics {

    @Bean
    NewTopic jobsTopic(VoiceQueueProperties properties) {
        return topic(Topics.JOBS, properties.kafka().partitions(), properties);
    }

    @Bean
    NewTopic jobsDeadLetterTopic(VoiceQueueProperties properties) {
        return topic(Topics.JOBS_DEAD_LETTER, properties.kafka().partitions(), properties);
    }

    @Bean
    NewTopic jobEventsTopic(VoiceQueueProperties properties) {
        return topic(Topics.JOB_EVENTS, properties.kafka().partitions(), properties);
    }

    private static NewTopic topic(String name, int partitions, VoiceQueueProperties properties) {
        return TopicBuilder.name(name)
                .partitions(partitions)
                .replicas(properties.kafka().replicationFactor())
                .build();
    }
}
