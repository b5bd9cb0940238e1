package org.voicequeue.api.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.client.MultipartBodyBuilder;
import org.voicequeue.api.webhook.StandardWebhooksVerifier;
import tools.jackson.databind.JsonNode;

/**
 * {@code batch.completed} end to end: real Kafka, Redis and S3, {@link FakeWorker} (every terminal event published
 * twice), and a real HTTP receiver on loopback (reached as the allow-listed {@code localhost}) that verifies the
 * Standard Webhooks signature independently of the server's signer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchWebhookIT extends ApiIntegrationSupport {
    private static final Duration FINISH = Duration.ofSeconds(60);
    /** How long to keep watching that no second delivery arrives (the dispatcher polls every 500 ms). */
    private static final Duration QUIET = Duration.ofSeconds(3);

    private FakeWorker worker;
    private Receiver receiver;

    @BeforeAll
    void start() throws IOException {
        worker = new FakeWorker(redis, Set.of(owner("hook")));
        receiver = new Receiver();
    }

    @AfterAll
    void stop() {
        worker.close();
        receiver.close();
    }

    @Test
    void aBatchThatEndsSendsOneSignedBatchCompletedWebhookAndListsItsDelivery() {
        String path = "/partial";
        MultipartBodyBuilder form = aBatchForm(List.of("One is fine.", "Two [fail] breaks.", "Three is fine."));
        form.part("callback_url", receiver.url(path));

        String id = submitBatch(form).body().path("id").asString();

        JsonNode batch = awaitStatus(id, "partially_failed");
        await().atMost(FINISH).until(() -> receiver.requestsTo(path).size() == 1);
        await().during(QUIET)
                .atMost(QUIET.plusSeconds(5))
                .until(() -> receiver.requestsTo(path).size() == 1);
        Received request = receiver.requestsTo(path).get(0);
        Instant completedAt = Instant.parse(batch.path("completed_at").asString());
        assertThat(request.header("webhook-id")).isEqualTo("msg_" + id + "_completed_" + completedAt.toEpochMilli());
        assertThat(verify(WEBHOOK_SECRET, request))
                .as("Standard Webhooks signature")
                .isTrue();
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("type").asString()).isEqualTo("batch.completed");
        assertThat(Instant.parse(body.path("timestamp").asString())).isEqualTo(completedAt);
        JsonNode data = body.path("data");
        assertThat(data.path("id").asString()).isEqualTo(id);
        assertThat(data.path("status").asString()).isEqualTo("partially_failed");
        assertThat(data.path("succeeded").asInt()).isEqualTo(2);
        assertThat(data.path("failed").asInt()).isEqualTo(1);
        assertThat(data.path("items")).hasSize(3);
        assertThat(data.path("items").get(1).path("item_id").asString()).isEqualTo("item-1");

        Answer deliveries = await().atMost(FINISH)
                .until(
                        () -> get("hook", "/v1/batches/" + id + "/deliveries"),
                        a -> a.body().path("data").size() == 1
                                && a.body()
                                        .path("data")
                                        .get(0)
                                        .path("outcome")
                                        .asString()
                                        .equals("delivered"));
        assertThat(deliveries.status().value()).isEqualTo(200);
        assertThat(deliveries.body().path("batch_id").asString()).isEqualTo(id);
        JsonNode row = deliveries.body().path("data").get(0);
        assertThat(row.path("webhook_id").asString()).isEqualTo(request.header("webhook-id"));
        assertThat(row.path("event_type").asString()).isEqualTo("batch.completed");
        assertThat(row.path("attempt").asInt()).isEqualTo(1);
        assertThat(row.path("status_code").asInt()).isEqualTo(204);
        assertThat(get("other", "/v1/batches/" + id + "/deliveries").code()).isEqualTo("batch_not_found");
        assertThat(get("hook", "/v1/batches/batch_nonsense/deliveries").code()).isEqualTo("batch_not_found");
    }

    @Test
    void aCanceledBatchSendsOneBatchCompletedWithStatusCanceled() {
        String path = "/canceled";
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            texts.add("Item " + i + " [slow] takes its time.");
        }
        MultipartBodyBuilder form = aBatchForm(texts);
        form.part("callback_url", receiver.url(path));
        String id = submitBatch(form).body().path("id").asString();
        awaitStatus(id, "running");

        assertThat(send("hook", "DELETE", "/v1/batches/" + id).status().value()).isEqualTo(202);

        awaitStatus(id, "canceled");
        await().atMost(FINISH).until(() -> receiver.requestsTo(path).size() == 1);
        await().during(QUIET)
                .atMost(QUIET.plusSeconds(5))
                .until(() -> receiver.requestsTo(path).size() == 1);
        Received request = receiver.requestsTo(path).get(0);
        assertThat(verify(WEBHOOK_SECRET, request)).isTrue();
        JsonNode data = JSON.readTree(request.body()).path("data");
        assertThat(data.path("status").asString()).isEqualTo("canceled");
        assertThat(data.path("canceled").asInt()).isEqualTo(6);
    }

    @Test
    void aBatchWhoseCallbackEventsLeaveOutCompletedGetsNoWebhook() {
        String path = "/unsubscribed";
        MultipartBodyBuilder form = aBatchForm(List.of("Only one line."));
        form.part("callback_url", receiver.url(path));
        form.part("callback_events", "started");
        String id = submitBatch(form).body().path("id").asString();

        awaitStatus(id, "succeeded");

        await().during(QUIET)
                .atMost(QUIET.plusSeconds(5))
                .until(() -> receiver.requestsTo(path).isEmpty());
        Answer deliveries = get("hook", "/v1/batches/" + id + "/deliveries");
        assertThat(deliveries.status().value()).isEqualTo(200);
        assertThat(deliveries.body().path("data")).isEmpty();
    }

    @Test
    void aCallbackUrlThatLeadsToLoopbackIsRefusedAtSubmissionAndNothingIsCreated() {
        long before = jobsOf("hook");
        MultipartBodyBuilder form = aBatchForm(List.of("Never spoken."));
        form.part("callback_url", "https://127.0.0.1:" + receiver.port() + "/internal");

        Answer answer = submitBatch(form);

        assertThat(answer.status().value()).isEqualTo(400);
        assertThat(answer.body().path("errors").get(0).path("field").asString()).isEqualTo("callback_url");
        assertThat(answer.body().path("errors").get(0).path("message").asString())
                .contains("loopback");
        assertThat(jobsOf("hook")).isEqualTo(before);
    }

    @Test
    void theOpenApiDocumentListsTheBatchDeliveriesWithTheirProblemAnswers() {
        JsonNode paths = JSON.readTree(
                        client().get().uri("/v3/api-docs").retrieve().body(String.class))
                .path("paths");

        assertThat(paths.path("/v1/batches/{id}/deliveries")
                        .path("get")
                        .path("responses")
                        .propertyNames())
                .contains("200", "401", "404", "503");
        assertThat(paths.path("/v1/jobs/{id}/deliveries")
                        .path("get")
                        .path("responses")
                        .propertyNames())
                .contains("200", "404");
    }

    // ------------------------------------------------------------------ fixtures

    private Answer submitBatch(MultipartBodyBuilder form) {
        return postForm("hook", "/v1/batches", form, null);
    }

    private JsonNode awaitStatus(String batchId, String status) {
        await().atMost(FINISH)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> get("hook", "/v1/batches/" + batchId)
                                .body()
                                .path("status")
                                .asString(),
                        status::equals);
        return get("hook", "/v1/batches/" + batchId).body();
    }

    record Received(String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** An HTTP server on loopback that records every request and answers 204. */
    static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final List<Received> requests = new CopyOnWriteArrayList<>();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    requests.add(new Received(
                            exchange.getRequestURI().getPath(),
                            Map.copyOf(exchange.getRequestHeaders()),
                            in.readAllBytes()));
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        String url(String path) {
            return "http://localhost:" + port() + path;
        }

        List<Received> requestsTo(String path) {
            return requests.stream().filter(r -> r.path().equals(path)).toList();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    static boolean verify(String secret, Received request) {
        return StandardWebhooksVerifier.verify(
                secret,
                request.header("webhook-id"),
                request.header("webhook-timestamp"),
                request.header("webhook-signature"),
                request.body());
    }
}
