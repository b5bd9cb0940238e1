package org.voicequeue.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voicequeue.testsupport.TestInfrastructure;
import tools.jackson.databind.JsonNode;

/** A 200-item narration batch through both services and the ONNX engine: every item accounted for exactly once. */
class BatchOnTinyModelIT {
    private static final int ITEMS = 200;

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
    void everyItemOfA200ItemBatchIsSynthesizedOnceAndTheBatchIsAnnouncedOnce() throws Exception {
        receiver = new WebhookReceiver(204);
        platform = Platform.start(Map.of(
                "VOICEQUEUE_WEBHOOK_SECRET", "whsec_c3lzdGVtLXRlc3QtYmF0Y2gtd2ViaG9vay1rZXktMzI=",
                "VOICEQUEUE_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1"));
        ApiClient client = new ApiClient(platform.api.uri("/"));
        Path demo = TestInfrastructure.get().repoRoot().resolve("demo");
        String items = IntStream.range(0, ITEMS)
                .mapToObj(i -> "{\"id\":\"p" + i + "\",\"text\":\"Paragraph number " + i + " of the chapter.\"}")
                .reduce((a, b) -> a + "," + b)
                .map(s -> "[" + s + "]")
                .orElseThrow();

        ApiClient.Answer submitted = client.submitBatch(new ApiClient.Submission()
                .referenceAudio(Files.readAllBytes(demo.resolve("reference.wav")))
                .field(
                        "reference_text",
                        Files.readString(demo.resolve("reference.txt")).strip())
                .field("items", items)
                .field("nfe_steps", "4")
                .field("seed", "1")
                .field("callback_url", receiver.url()));
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
        String batchId = submitted.body().get("id").asString();

        JsonNode[] batch = new JsonNode[1];
        await("batch " + batchId + " finished")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    batch[0] = client.get("/v1/batches/" + batchId).body();
                    assertThat(batch[0].get("status").asString()).isIn("succeeded", "partially_failed", "failed");
                });
        assertThat(batch[0].get("status").asString()).as(batch[0].toString()).isEqualTo("succeeded");
        assertThat(batch[0].get("total").asInt()).isEqualTo(ITEMS);
        assertThat(batch[0].get("succeeded").asInt()).isEqualTo(ITEMS);
        assertThat(batch[0].get("failed").asInt()).isZero();

        Set<String> jobIds = new HashSet<>();
        JsonNode itemList = batch[0].get("items");
        assertThat(itemList.size()).isEqualTo(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            JsonNode item = itemList.get(i);
            assertThat(item.get("item_id").asString()).isEqualTo("p" + i); // order preserved
            assertThat(item.get("status").asString()).isEqualTo("succeeded");
            jobIds.add(item.get("job_id").asString());
        }
        assertThat(jobIds).hasSize(ITEMS);
        for (String jobId : List.copyOf(jobIds).subList(0, 10)) {
            JsonNode job = client.get("/v1/jobs/" + jobId).body();
            assertThat(job.get("attempts").asInt()).as(job.toString()).isEqualTo(1); // synthesized once
            assertThat(job.get("batch_id").asString()).isEqualTo(batchId);
        }

        await("batch.completed webhook")
                .atMost(Duration.ofSeconds(60))
                .until(() -> !receiver.received().isEmpty());
        assertThat(receiver.received().stream()
                        .map(WebhookReceiver.Received::id)
                        .distinct())
                .hasSize(1);
    }
}
