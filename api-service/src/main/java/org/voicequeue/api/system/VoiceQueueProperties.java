package org.voicequeue.api.system;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of the api-service. Environment variables override (see application.yml for the names that are part
 * of the public contract, such as {@code VOICEQUEUE_API_KEYS}).
 */
@ConfigurationProperties("voicequeue")
public record VoiceQueueProperties(
        @DefaultValue Storage storage,
        @DefaultValue Kafka kafka,
        @DefaultValue Limits limits,
        @DefaultValue("24h") Duration resultTtl,
        @DefaultValue Models models,
        @DefaultValue("") String apiKeys,
        @DefaultValue Webhook webhook) {

    public record Storage(
            @DefaultValue("http://127.0.0.1:9000") String endpoint,
            @DefaultValue("") String accessKey,
            @DefaultValue("") String secretKey,
            @DefaultValue("voicequeue-reference-audio") String bucket,
            @DefaultValue("3s") Duration timeout) {}

    public record Kafka(
            @DefaultValue("12") int partitions,
            @DefaultValue("1") short replicationFactor,
            @DefaultValue("5s") Duration sendTimeout,
            @DefaultValue("3s") Duration healthTimeout) {}

    public record Limits(
            @DefaultValue("20000") int maxTextChars,
            @DefaultValue("1000") int maxReferenceTextChars,
            @DefaultValue("4KB") DataSize maxMetadataSize,
            @DefaultValue("20MB") DataSize maxReferenceAudioSize,
            @DefaultValue("1.0") double minSpeechSeconds,
            @DefaultValue("100") int maxListLimit) {}

    /** Models offered by configuration; workers' heartbeats add what they actually have installed. */
    public record Models(@DefaultValue({"F5-TTS", "E2-TTS"}) List<String> enabled) {}

    /** Hosts that callback URLs may name over plain http (comma list). */
    public record Webhook(@DefaultValue("") List<String> allowedHosts) {}
}
