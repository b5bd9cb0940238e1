package org.voicequeue.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voicequeue.testsupport.TestInfrastructure;

/** A webhook delivery pending when the api-service process is killed is delivered by the next api-service. */
class WebhookRestartIT {
    private static final byte[] KEY = "voicequeue-system-test-webhook-key".getBytes(StandardCharsets.US_ASCII);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);

    private record Received(String id, String timestamp, String signature, String body, int answeredWith) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private volatile int answer = 500;
    private HttpServer receiver;
    private Platform platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aDeliveryPendingWhenTheApiIsKilledIsDeliveredAfterTheRestartWithTheSameWebhookId() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = answer;
            received.add(new Received(
                    exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"),
                    body,
                    status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            firstAttempt.countDown();
        });
        receiver.start();
        platform = Platform.start(Map.of(
                "VOICEQUEUE_WEBHOOK_SECRET", SECRET,
                "VOICEQUEUE_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1",
                "VOICEQUEUE_WEBHOOK_BACKOFF_BASE", "3s",
                "VOICEQUEUE_WEBHOOK_BACKOFF_CAP", "6s"));
        Path demo = TestInfrastructure.get().repoRoot().resolve("demo");
        ApiClient.Answer submitted = new ApiClient(platform.api.uri("/"))
                .submit(
                        new ApiClient.Submission()
                                .referenceAudio(Files.readAllBytes(demo.resolve("reference.wav")))
                                .field(
                                        "reference_text",
                                        Files.readString(demo.resolve("reference.txt"))
                                                .strip())
                                .field("text", "Tell my server when you are done.")
                                .field("nfe_steps", "4")
                                .field(
                                        "callback_url",
                                        "http://127.0.0.1:"
                                                + receiver.getAddress().getPort() + "/hook")
                                .field("callback_events", "completed"),
                        null);
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
        String jobId = submitted.body().get("id").asString();

        assertThat(firstAttempt.await(120, TimeUnit.SECONDS))
                .as("first delivery attempt")
                .isTrue();
        platform.killAndRestartApi(); // the retry is pending in the Redis outbox; nothing in memory survives
        answer = 200;

        await("delivery after restart")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> received.stream().anyMatch(r -> r.answeredWith() == 200));
        Received delivered = received.stream()
                .filter(r -> r.answeredWith() == 200)
                .findFirst()
                .orElseThrow();
        assertThat(received).extracting(Received::id).containsOnly(delivered.id());
        assertThat(delivered.body()).contains("\"type\":\"job.completed\"").contains(jobId);
        assertThat(delivered.signature()).contains("v1," + sign(delivered));

        ApiClient.Answer deliveries = new ApiClient(platform.api.uri("/")).get("/v1/jobs/" + jobId + "/deliveries");
        assertThat(deliveries.status()).isEqualTo(200);
        assertThat(deliveries.body().toString()).contains("delivered");
    }

    /** Standard Webhooks: base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")). */
    private static String sign(Received r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] digest = mac.doFinal((r.id() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(digest);
    }
}
