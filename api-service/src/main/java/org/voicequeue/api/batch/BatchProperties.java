package org.voicequeue.api.batch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of batches ({@code voicequeue.batches.*}, env {@code VOICEQUEUE_BATCHES_MAX_IN_FLIGHT} etc.).
 *
 * @param maxInFlight items of one batch on the jobs topic or running at a time; the rest wait in Redis, so one big
 *     batch cannot queue ahead of other users' single jobs
 * @param maxItems items per batch
 * @param maxPauseMs longest pause between joined items
 * @param maxJoinedAudio largest item audio, in total, that is joined into one WAV
 * @param consumerGroup Kafka consumer group reading job events for batch counts
 */
@ConfigurationProperties("voicequeue.batches")
record BatchProperties(
        @DefaultValue("4") int maxInFlight,
        @DefaultValue("1000") int maxItems,
        @DefaultValue("10000") int maxPauseMs,
        @DefaultValue("256MB") DataSize maxJoinedAudio,
        @DefaultValue("voicequeue-batches") String consumerGroup,
        @DefaultValue("2") int listenerConcurrency) {

    BatchProperties {
        if (maxInFlight < 1 || maxItems < 1 || maxPauseMs < 0 || listenerConcurrency < 1) {
            throw new IllegalArgumentException("voicequeue.batches: limits must be positive");
        }
    }
}
