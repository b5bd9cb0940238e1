package org.voicequeue.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voicequeue.testsupport.TestInfrastructure;

/** A webhook delivery pending when the api-service process is killed is delivered by the next api-service. */
class WebhookRestartIT {
    private static final byte[] KEY = "voicequeue-system-test-webhook-key".getBytes(StandardCharsets.US_ASCII);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);

    private WebhookReceiver receiver;
    private Platform platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aDeliveryPendingWhenTheApiIsKilledIsDeliveredAfterTheRestartWithTheSameWebhookId() throws Exception {
        receiver = new WebhookReceiver(500);
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
                                .field("callback_url", receiver.url())
                                .field("callback_events", "completed"),
                        null);
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
        String jobId = submitted.body().get("id").asString();

        await("first delivery attempt")
                .atMost(Duration.ofSeconds(120))
                .until(() -> !receiver.received().isEmpty());
        platform.killAndRestartApi(); // the retry is pending in the Redis outbox; nothing in memory survives
        receiver.answerWith(200);

        await("delivery after restart")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> receiver.received().stream().anyMatch(r -> r.answeredWith() == 200));
        WebhookReceiver.Received delivered = receiver.received().stream()
                .filter(r -> r.answeredWith() == 200)
                .findFirst()
                .orElseThrow();
        assertThat(receiver.received()).extracting(WebhookReceiver.Received::id).containsOnly(delivered.id());
        assertThat(delivered.body()).contains("\"type\":\"job.completed\"").contains(jobId);
        assertThat(delivered.signature()).contains("v1," + sign(delivered));

        ApiClient.Answer deliveries = new ApiClient(platform.api.uri("/")).get("/v1/jobs/" + jobId + "/deliveries");
        assertThat(deliveries.status()).isEqualTo(200);
        assertThat(deliveries.body().toString()).contains("delivered");
    }

    /** Standard Webhooks: base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")). */
    private static String sign(WebhookReceiver.Received r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] digest = mac.doFinal((r.id() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(digest);
    }
}
