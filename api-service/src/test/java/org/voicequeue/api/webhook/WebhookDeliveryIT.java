package org.voicequeue.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.voicequeue.api.system.OwnerInterceptor;
import org.voicequeue.model.job.JobIds;
import org.voicequeue.model.kafka.Topics;
import org.voicequeue.model.redis.JobFields;
import org.voicequeue.model.redis.RedisKeys;
import org.voicequeue.testsupport.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook delivery end to end on real Kafka and Redis, with a real HTTP receiver on loopback (allow-listed as
 * {@code localhost}). The application context holds only the webhook feature plus Boot's Redis, Kafka and MVC
 * auto-configuration ({@link WebhookTestApplication}); each test starts its own, because all contexts share one
 * outbox and one consumer group, as api instances would.
 */
@SpringBootTest(classes = WebhookDeliveryIT.RedisOnly.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class WebhookDeliveryIT {
    /** Generous: the servers are shared with other builds' outage tests, which can stall them for a while. */
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static final String OWNER = "alice";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] KEY = randomKey();
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);

    private static KafkaProducer<String, byte[]> producer;

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private Receiver receiver;

    /**
     * This class's own (Redis-only) test context also makes the TestContext framework pause any cached full
     * application context of an earlier IT class, so no other webhook consumer or dispatcher runs meanwhile.
     */
    @Autowired
    private StringRedisTemplate redisView;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        toProperties(TestInfrastructure.get().springProperties())
                .forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeAll
    static void connect() throws Exception {
        TestInfrastructure servers = TestInfrastructure.get();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(Topics.JOB_EVENTS, 12, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        servers.kafkaBootstrap(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterAll
    static void disconnect() {
        if (producer != null) {
            producer.close();
        }
    }

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new Receiver();
    }

    @AfterEach
    void stopEverything() {
        contexts.forEach(ConfigurableApplicationContext::close);
        receiver.close();
    }

    @Test
    void aCompletedJobIsDeliveredOnceSignedAsStandardWebhooksAndListed() throws Exception {
        ConfigurableApplicationContext app = startApp(Map.of());
        receiver.answer(200);
        String jobId = aJobWithCallback(receiver.url(), null);

        publish(event(jobId, "STARTED", "_started_1")); // not subscribed by default
        publish(event(jobId, "COMPLETED", "_completed"));

        await().atMost(WAIT).until(() -> receiver.requests().size() == 1);
        Received request = receiver.requests().get(0);
        assertThat(request.header("content-type")).startsWith("application/json");
        assertThat(request.header("webhook-id")).isEqualTo("msg_evt_" + jobId + "_completed");
        assertThat(verified(request)).isTrue();
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("type").asString()).isEqualTo("job.completed");
        assertThat(body.get("timestamp").asString()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(body.get("data").get("id").asString()).isEqualTo(jobId);
        assertThat(body.get("data").get("status").asString()).isEqualTo("succeeded");

        await().atMost(WAIT).until(() -> listDeliveries(app, jobId, OWNER).size() == 1);
        JsonNode row = listDeliveries(app, jobId, OWNER).get(0);
        assertThat(row.get("webhook_id").asString()).isEqualTo(request.header("webhook-id"));
        assertThat(row.get("event_type").asString()).isEqualTo("job.completed");
        assertThat(row.get("attempt").asInt()).isEqualTo(1);
        assertThat(row.get("status_code").asInt()).isEqualTo(200);
        assertThat(row.get("outcome").asString()).isEqualTo("delivered");
        assertThat(row.get("error").isNull()).isTrue();
        assertThat(row.get("latency_ms").asLong()).isNotNegative();
        assertThat(Instant.parse(row.get("attempted_at").asString()))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(app.getBean(DeliveryHistory.class).findForOwner(jobId, "mallory"))
                .isEmpty();
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void aFailingReceiverGetsThreeAttemptsWithGrowingDelaysUnderOneWebhookId() {
        ConfigurableApplicationContext app = startApp(Map.of("voicequeue.webhook.backoff-base", "1s"));
        receiver.answer(500, 500, 200);
        String jobId = aJobWithCallback(receiver.url(), "failed,completed");

        publish(event(jobId, "FAILED", "_failed"));

        await().atMost(WAIT).until(() -> receiver.requests().size() == 3);
        List<Received> attempts = receiver.requests();
        assertThat(attempts).extracting(r -> r.header("webhook-id")).containsOnly("msg_evt_" + jobId + "_failed");
        assertThat(attempts).allSatisfy(r -> assertThat(verified(r)).isTrue());
        Duration first = Duration.between(attempts.get(0).at(), attempts.get(1).at());
        Duration second = Duration.between(attempts.get(1).at(), attempts.get(2).at());
        assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(900)); // base 1 s, no jitter in this test
        assertThat(second).isGreaterThanOrEqualTo(Duration.ofMillis(1900)).isGreaterThan(first);

        await().atMost(WAIT).until(() -> listDeliveries(app, jobId, OWNER).size() == 3);
        List<JsonNode> rows = listDeliveries(app, jobId, OWNER);
        assertThat(rows).extracting(r -> r.get("outcome").asString()).containsExactly("failed", "failed", "delivered");
        assertThat(rows).extracting(r -> r.get("attempt").asInt()).containsExactly(1, 2, 3);
        assertThat(rows.get(0).get("status_code").asInt()).isEqualTo(500);
        assertThat(rows.get(0).get("error").asString()).isEqualTo("HTTP 500");
    }

    @Test
    void aDeliveryPendingWhenTheAppStopsIsDeliveredByTheNextOne() {
        Map<String, String> slowRetry = Map.of("voicequeue.webhook.backoff-base", "5s");
        ConfigurableApplicationContext first = startApp(slowRetry);
        receiver.answer(503, 200);
        String jobId = aJobWithCallback(receiver.url(), null);

        publish(event(jobId, "CANCELED", "_canceled"));
        await().atMost(WAIT).until(() -> redisView.opsForList().size(WebhookKeys.jobDeliveries(jobId)) == 1);
        first.close(); // the retry is due in 5 s: pending, only in Redis now
        assertThat(receiver.requests()).hasSize(1);

        startApp(slowRetry);

        await().atMost(WAIT).until(() -> receiver.requests().size() == 2);
        assertThat(receiver.requests())
                .extracting(r -> r.header("webhook-id"))
                .containsOnly("msg_evt_" + jobId + "_canceled");
        assertThat(verified(receiver.requests().get(1))).isTrue();
        await().atMost(WAIT)
                .until(() -> "delivered"
                        .equals(redisView
                                .opsForHash()
                                .get(WebhookKeys.delivery("msg_evt_" + jobId + "_canceled"), "state")));
    }

    @Test
    void aReceiverThatNeverAnswersIsGivenUpAfterTheWindowAndListedSo() {
        ConfigurableApplicationContext app = startApp(Map.of(
                "voicequeue.webhook.timeout",
                "1s",
                "voicequeue.webhook.lease",
                "3s",
                "voicequeue.webhook.backoff-base",
                "1s",
                "voicequeue.webhook.retry-window",
                "4s"));
        receiver.hang();
        String jobId = aJobWithCallback(receiver.url(), null);

        publish(event(jobId, "COMPLETED", "_completed"));

        await().atMost(WAIT)
                .until(() -> listDeliveries(app, jobId, OWNER).stream()
                        .anyMatch(r -> r.get("outcome").asString().equals("given_up")));
        List<JsonNode> rows = listDeliveries(app, jobId, OWNER);
        assertThat(rows)
                .last()
                .satisfies(last -> assertThat(last.get("outcome").asString()).isEqualTo("given_up"));
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("status_code").isNull()).isTrue();
            assertThat(r.get("error").asString()).startsWith("timeout");
            assertThat(r.get("latency_ms").asLong()).isGreaterThanOrEqualTo(900);
        });
        assertThat(rows).extracting(r -> r.get("outcome").asString()).doesNotContain("pending", "delivered");
        assertThat(redisView.opsForZSet().score(WebhookKeys.DUE, "msg_evt_" + jobId + "_completed"))
                .isNull();
    }

    @Test
    void theSameEventPublishedTwiceMakesOneDelivery() {
        startApp(Map.of());
        receiver.answer(200);
        String jobId = aJobWithCallback(receiver.url(), null);
        byte[] event = event(jobId, "COMPLETED", "_completed");

        publish(event);
        await().atMost(WAIT).until(() -> receiver.requests().size() == 1);
        publish(event);

        await().during(Duration.ofSeconds(3))
                .atMost(WAIT)
                .until(() -> receiver.requests().size() == 1);
        assertThat(redisView.opsForList().size(WebhookKeys.jobDeliveries(jobId)))
                .isEqualTo(1);
    }

    @Test
    void aCallbackThatResolvesToAForbiddenAddressIsRefusedAtDeliveryTime() {
        ConfigurableApplicationContext app =
                startApp(Map.of("voicequeue.webhook.retry-window", "2s", "voicequeue.webhook.backoff-base", "1s"));
        receiver.answer(200);
        // written straight into Redis, as if the check at submission had passed and the name now pointed inside
        String jobId = aJobWithCallback("https://127.0.0.1:" + receiver.port() + "/hook", null);

        publish(event(jobId, "COMPLETED", "_completed"));

        await().atMost(WAIT)
                .until(() -> listDeliveries(app, jobId, OWNER).stream()
                        .anyMatch(r -> r.get("outcome").asString().equals("given_up")));
        assertThat(listDeliveries(app, jobId, OWNER))
                .allSatisfy(r -> assertThat(r.get("error").asString())
                        .startsWith("refused:")
                        .contains("loopback"));
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void aLapsedLeaseReturnsTheDeliveryToDueAndTheFormerHolderCanNoLongerRecordIt() {
        RedisDeliveryOutbox outbox = new RedisDeliveryOutbox(redisView, Duration.ofMinutes(5));
        String jobId = JobIds.newJobId();
        String webhookId = "msg_lease_" + jobId;
        Instant now = Instant.now();
        Delivery delivery = new Delivery(
                webhookId, jobId, "job.completed", "https://example.invalid/", "{}", 0, now.plusSeconds(60));
        assertThat(outbox.enqueue(delivery, now)).isTrue();
        assertThat(outbox.enqueue(delivery, now)).as("created only if absent").isFalse();

        RedisDeliveryOutbox.Claimed first = claimed(outbox, webhookId).orElseThrow();
        assertThat(claimed(outbox, webhookId)).as("leased, so not claimable").isEmpty();

        // the holder "crashed": once its 1 s lease lapses the delivery is claimable again, under a new token
        RedisDeliveryOutbox.Claimed second = await().atMost(WAIT)
                .until(() -> claimed(outbox, webhookId), Optional::isPresent)
                .orElseThrow();
        assertThat(second.leaseToken()).isNotEqualTo(first.leaseToken());
        assertThat(outbox.record(first, "{}", DeliveryAttempt.DELIVERED, Instant.now()))
                .isFalse();
        assertThat(outbox.record(second, "{}", DeliveryAttempt.DELIVERED, Instant.now()))
                .isTrue();
        assertThat(redisView.opsForHash().get(WebhookKeys.delivery(webhookId), "state"))
                .isEqualTo("delivered");
        assertThat(redisView.opsForZSet().score(WebhookKeys.IN_FLIGHT, webhookId))
                .isNull();
        assertThat(redisView.opsForList().size(WebhookKeys.jobDeliveries(jobId)))
                .isEqualTo(1);
    }

    private static Optional<RedisDeliveryOutbox.Claimed> claimed(RedisDeliveryOutbox outbox, String webhookId) {
        return outbox.claim(Instant.now(), Duration.ofSeconds(1), 1000).stream()
                .filter(c -> c.delivery().webhookId().equals(webhookId))
                .findFirst();
    }

    // ------------------------------------------------------------------ fixtures

    private ConfigurableApplicationContext startApp(Map<String, String> overrides) {
        Map<String, Object> properties =
                new HashMap<>(toProperties(TestInfrastructure.get().springProperties()));
        properties.put("server.port", "0");
        properties.put("voicequeue.webhook.secret", SECRET);
        properties.put("voicequeue.webhook.allowed-hosts", "localhost");
        properties.put("voicequeue.webhook.poll-interval", "100ms");
        properties.put("voicequeue.webhook.timeout", "2s");
        properties.put("voicequeue.webhook.lease", "5s");
        properties.put("voicequeue.webhook.backoff-base", "1s");
        properties.put("voicequeue.webhook.backoff-cap", "10s");
        properties.put("voicequeue.webhook.retry-window", "60s");
        properties.putAll(overrides);
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(WebhookTestApplication.class).run(arguments(properties));
        contexts.add(context);
        return context;
    }

    /** As command-line arguments, which take precedence over application.yml. */
    private static String[] arguments(Map<String, Object> properties) {
        return properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }

    private static Map<String, Object> toProperties(Map<String, String> values) {
        Map<String, Object> properties = new HashMap<>(values);
        // the application's readiness group names contributors of other features, absent from these contexts
        properties.put("management.endpoint.health.group.readiness.include", "readinessState");
        return properties;
    }

    /** A job hash as the api-service writes it at submission. */
    private String aJobWithCallback(String callbackUrl, String events) {
        String jobId = JobIds.newJobId();
        Map<String, String> job = new LinkedHashMap<>();
        job.put(JobFields.ID, jobId);
        job.put(JobFields.OWNER, OWNER);
        job.put(JobFields.STATUS, "succeeded");
        job.put(JobFields.MODEL, "F5-TTS");
        job.put(JobFields.CREATED_AT, "2026-01-02T03:00:00Z");
        job.put(CallbackFields.CALLBACK_URL, callbackUrl);
        job.put(CallbackFields.CALLBACK_EVENTS, CallbackEvents.normalize(events));
        redisView.opsForHash().putAll(RedisKeys.job(jobId), job);
        redisView.expire(RedisKeys.job(jobId), Duration.ofHours(1));
        return jobId;
    }

    /** A JobEvent in the worker's wire format (snake_case JSON), written independently of the record. */
    private static byte[] event(String jobId, String type, String idSuffix) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("schema_version", 1);
        event.put("event_id", "evt_" + jobId + idSuffix);
        event.put("type", type);
        event.put("job_id", jobId);
        event.put("owner", OWNER);
        event.put("batch_id", null);
        event.put(
                "status",
                switch (type) {
                    case "STARTED" -> "RUNNING";
                    case "COMPLETED" -> "SUCCEEDED";
                    default -> type;
                });
        event.put("error_code", null);
        event.put("occurred_at", "2026-01-02T03:04:05Z");
        return JSON.writeValueAsBytes(event);
    }

    private static void publish(byte[] event) {
        try {
            String key = JSON.readTree(event).get("job_id").asString();
            producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, key, event)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish a job event", e);
        }
    }

    private static List<JsonNode> listDeliveries(ConfigurableApplicationContext app, String jobId, String owner) {
        try {
            String port = app.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://127.0.0.1:" + port + "/v1/jobs/" + jobId + "/deliveries"))
                                    .header("X-Test-Owner", owner)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("job_id").asString()).isEqualTo(jobId);
            List<JsonNode> rows = new ArrayList<>();
            body.get("data").forEach(rows::add);
            return rows.stream()
                    .filter(r -> !r.get("outcome").asString().equals("pending"))
                    .toList();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    // ------------------------------------------------------------------ the receiver and its verifier

    private static boolean verified(Received request) {
        return StandardWebhooksVerifier.verify(
                SECRET,
                request.header("webhook-id"),
                request.header("webhook-timestamp"),
                request.header("webhook-signature"),
                request.body());
    }

    record Received(Instant at, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** An HTTP server on loopback that answers with scripted status codes, or never. */
    static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final List<Received> requests = new CopyOnWriteArrayList<>();
        private final List<Integer> script = new CopyOnWriteArrayList<>();
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile boolean hang;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(threads);
            server.createContext("/hook", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    requests.add(
                            new Received(Instant.now(), Map.copyOf(exchange.getRequestHeaders()), in.readAllBytes()));
                }
                if (hang) {
                    try {
                        released.await(); // never answers while the test runs
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.close();
                    return;
                }
                int i = Math.min(next.getAndIncrement(), script.size() - 1);
                exchange.sendResponseHeaders(script.get(i), -1);
                exchange.close();
            });
            server.start();
        }

        void answer(Integer... statuses) {
            script.addAll(List.of(statuses));
        }

        void hang() {
            hang = true;
        }

        int port() {
            return server.getAddress().getPort();
        }

        String url() {
            return "http://localhost:" + port() + "/hook";
        }

        List<Received> requests() {
            return List.copyOf(requests);
        }

        @Override
        public void close() {
            released.countDown();
            server.stop(0);
            threads.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ application contexts

    /** Only the webhook feature on Boot's auto-configuration; the owner comes from a test header. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({WebhookConfiguration.class, DeliveryController.class})
    static class WebhookTestApplication implements WebMvcConfigurer {

        /** Deterministic delays so the test can see them grow; the jitter itself is covered by BackoffTests. */
        @Bean
        Backoff.Jitter noJitter() {
            return () -> 1.0;
        }

        /** The job resource from the job hash, standing in for the job feature's mapper. */
        @Bean
        JobResourceSource jobResources(StringRedisTemplate redis) {
            return jobId -> {
                Map<Object, Object> job = redis.opsForHash().entries(RedisKeys.job(jobId));
                if (job.isEmpty()) {
                    return Optional.empty();
                }
                Map<String, Object> resource = new LinkedHashMap<>();
                resource.put("id", jobId);
                resource.put("status", job.get(JobFields.STATUS));
                resource.put("model", job.get(JobFields.MODEL));
                resource.put("created_at", job.get(JobFields.CREATED_AT));
                return Optional.of(resource);
            };
        }

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new HandlerInterceptor() {
                        @Override
                        public boolean preHandle(
                                HttpServletRequest request, HttpServletResponse response, Object handler) {
                            request.setAttribute(OwnerInterceptor.OWNER, request.getHeader("X-Test-Owner"));
                            return true;
                        }
                    })
                    .addPathPatterns("/v1/**");
        }
    }

    /** Redis alone, for the test's own reads and writes. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class RedisOnly {}
}
