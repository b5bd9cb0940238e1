package org.voicequeue.api.webhook;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.voicequeue.model.redis.JobFields;
import org.voicequeue.model.redis.RedisKeys;
import tools.jackson.databind.json.JsonMapper;

/** Wires webhook delivery. The Kafka consumer has its own container factory so it never shares another's settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {
    static final String CONTAINER_FACTORY = "webhookKafkaListenerContainerFactory";
    private static final Logger log = LoggerFactory.getLogger(WebhookConfiguration.class);
    private final Clock clock = Clock.systemUTC();

    @Bean
    CallbackUrlPolicy callbackUrlPolicy(WebhookProperties properties) {
        return new CallbackUrlPolicy(properties.allowedHosts(), HostResolver.SYSTEM);
    }

    @Bean
    WebhookSigner webhookSigner(WebhookProperties properties) {
        WebhookSecrets secrets = WebhookSecrets.parse(properties.secret()); // fails startup on a malformed secret
        if (secrets.isEmpty()) {
            log.warn("VOICEQUEUE_WEBHOOK_SECRET is not set: webhook deliveries fail (and are retried) until it is");
        }
        return new WebhookSigner(secrets);
    }

    @Bean
    RedisDeliveryOutbox webhookOutbox(StringRedisTemplate redis, WebhookProperties properties) {
        return new RedisDeliveryOutbox(redis, properties.historyTtl());
    }

    @Bean
    AttemptJson webhookAttemptJson() {
        return new AttemptJson();
    }

    @Bean
    DeliveryHistory webhookDeliveryHistory(StringRedisTemplate redis, AttemptJson json) {
        return new DeliveryHistory(redis, json);
    }

    @Bean
    WebhookSender webhookSender(CallbackUrlPolicy policy, WebhookSigner signer, WebhookProperties properties) {
        OkHttpClient client = WebhookSender.httpClient(properties.timeout());
        return new WebhookSender(
                client, policy, signer, (int) properties.maxResponseBody().toBytes(), clock);
    }

    @Bean
    WebhookDispatcher webhookDispatcher(
            RedisDeliveryOutbox outbox,
            WebhookSender sender,
            AttemptJson json,
            WebhookProperties properties,
            ObjectProvider<Backoff.Jitter> jitter) {
        Backoff backoff = new Backoff(
                properties.backoffBase(), properties.backoffCap(), jitter.getIfAvailable(() -> Backoff.Jitter.FULL));
        return new WebhookDispatcher(outbox, sender, backoff, json, properties, clock);
    }

    /** The application's JSON mapper writes the bodies, so {@code data} reads exactly as the GET endpoints answer. */
    @Bean
    WebhookEnqueuer webhookEnqueuer(
            RedisDeliveryOutbox outbox, ObjectProvider<JsonMapper> mapper, WebhookProperties properties) {
        return new WebhookEnqueuer(outbox, mapper.getIfAvailable(JsonMapper::new), properties.retryWindow(), clock);
    }

    @Bean
    JobEventWebhookListener jobEventWebhookListener(
            StringRedisTemplate redis, WebhookEnqueuer webhooks, ObjectProvider<JobResourceSource> jobs) {
        JobResourceSource source = jobs.getIfAvailable(() -> {
            log.warn("No JobResourceSource bean: webhook data carries only the job id and status");
            return minimalResource(redis);
        });
        return new JobEventWebhookListener(redis, webhooks, source);
    }

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> webhookKafkaListenerContainerFactory(
            KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // a new group must not miss events
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
        // Only Redis failures reach the handler (unreadable records are skipped by the listener): keep retrying the
        // record rather than skip it, or its webhook would be lost.
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(30_000);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }

    private static JobResourceSource minimalResource(StringRedisTemplate redis) {
        return jobId -> {
            Object status = redis.opsForHash().get(RedisKeys.job(jobId), JobFields.STATUS);
            if (status == null) {
                return Optional.empty();
            }
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("id", jobId);
            resource.put("status", status.toString());
            return Optional.of(resource);
        };
    }
}
