package org.voicequeue.api.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.voicequeue.model.redis.JobFields;
import org.voicequeue.model.redis.RedisKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Batches and stored voices against real Kafka, Redis and S3, with {@link FakeWorker} standing in for the workers:
 * counts kept from job events (each terminal event arrives twice), joined audio, retry, cancel, fairness.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchNarrationIT extends ApiIntegrationSupport {
    private static final Duration FINISH = Duration.ofSeconds(60);
    private FakeWorker worker;

    @BeforeAll
    void startWorker() {
        worker = new FakeWorker(redis, Set.of(owner("batch"), owner("voice")));
    }

    @AfterAll
    void stopWorker() {
        worker.close();
    }

    @Test
    void aJoinedBatchOfTwentyItemsSucceedsAndItsAudioHoldsEveryItemInOrderWithThePauses() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            texts.add("Sentence number " + i + " of the chapter.");
        }
        MultipartBodyBuilder form = aBatchForm(texts);
        form.part("join", "true");
        form.part("pause_ms", "100");

        Answer answer = submitBatch("batch", form);

        assertThat(answer.status().value()).isEqualTo(202);
        String id = answer.body().path("id").asString();
        assertThat(answer.body().path("total").asInt()).isEqualTo(20);
        JsonNode done = awaitStatus(id, "succeeded");
        assertThat(done.path("succeeded").asInt()).isEqualTo(20);
        assertThat(done.path("failed").asInt()).isZero();
        assertThat(done.path("result").path("audio_url").asString()).isEqualTo("/v1/batches/" + id + "/audio");
        for (int i = 0; i < 20; i++) {
            JsonNode item = done.path("items").get(i);
            assertThat(item.path("item_id").asString()).isEqualTo("item-" + i);
            assertThat(jobHash(item.path("job_id").asString()).get(JobFields.TEXT))
                    .isEqualTo(texts.get(i));
            assertThat(jobHash(item.path("job_id").asString()).get(JobFields.BATCH_ID))
                    .isEqualTo(id);
        }

        byte[] wav = client().get()
                .uri("/v1/batches/" + id + "/audio")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key("batch"))
                .accept(MediaType.parseMediaType("audio/wav"))
                .retrieve()
                .body(byte[].class);
        short[] pcm = pcm(wav);
        int gap = FakeWorker.RATE / 10;
        int expectedLength = 0;
        for (String text : texts) {
            expectedLength += FakeWorker.audioFor(text).length;
        }
        expectedLength += 19 * gap;
        assertThat(pcm).hasSize(expectedLength);
        int at = 0;
        for (int i = 0; i < texts.size(); i++) {
            float[] clip = FakeWorker.audioFor(texts.get(i));
            short level = (short) Math.round(clip[0] * 32767);
            for (int s : new int[] {0, clip.length / 2, clip.length - 1}) {
                assertThat(Math.abs(pcm[at + s] - level))
                        .as("item %d sample %d", i, s)
                        .isLessThanOrEqualTo(1);
            }
            at += clip.length;
            if (i < texts.size() - 1) {
                for (int s : new int[] {0, gap / 2, gap - 1}) {
                    assertThat(pcm[at + s]).as("pause after item %d", i).isZero();
                }
                at += gap;
            }
        }
        assertThat(redis.getExpire(BatchKeysForTest.audio(id))).isPositive();
    }

    @Test
    void aBatchWithFailedItemsEndsPartiallyFailedAndItsRetryCompletesIt() {
        List<String> texts = List.of(
                "One is fine.",
                "Two [fail-once] breaks.",
                "Three is fine.",
                "Four [fail-once] breaks too.",
                "Five is fine.");

        String id = submitBatch("batch", aBatchForm(texts)).body().path("id").asString();

        JsonNode partial = awaitStatus(id, "partially_failed");
        assertThat(partial.path("succeeded").asInt()).isEqualTo(3);
        assertThat(partial.path("failed").asInt()).isEqualTo(2);
        String failedJob = partial.path("items").get(1).path("job_id").asString();
        String keptJob = partial.path("items").get(0).path("job_id").asString();

        Answer retried = send("batch", "POST", "/v1/batches/" + id + "/retry");

        assertThat(retried.status().value()).isEqualTo(202);
        assertThat(retried.body().path("failed").asInt()).isZero();
        JsonNode done = awaitStatus(id, "succeeded");
        assertThat(done.path("succeeded").asInt()).isEqualTo(5);
        assertThat(done.path("items").get(0).path("job_id").asString()).isEqualTo(keptJob);
        assertThat(done.path("items").get(1).path("job_id").asString()).isNotEqualTo(failedJob);
        assertThat(done.path("items").get(1).path("item_id").asString()).isEqualTo("item-1");
        assertThat(jobHash(failedJob).get(JobFields.STATUS)).isEqualTo("failed");
        assertThat(send("batch", "POST", "/v1/batches/" + id + "/retry").code()).isEqualTo("batch_finished");
    }

    @Test
    void cancelingARunningBatchStopsItsRunningItemsAndCancelsTheQueuedOnes() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            texts.add("Item " + i + " [slow] takes its time.");
        }
        String id = submitBatch("batch", aBatchForm(texts)).body().path("id").asString();
        awaitStatus(id, "running");

        Answer canceled = send("batch", "DELETE", "/v1/batches/" + id);

        assertThat(canceled.status().value()).isEqualTo(202);
        JsonNode done = awaitStatus(id, "canceled");
        assertThat(done.path("canceled").asInt()).isEqualTo(10);
        assertThat(done.path("succeeded").asInt() + done.path("failed").asInt()).isZero();
        done.path("items")
                .forEach(item -> assertThat(item.path("status").asString()).isEqualTo("canceled"));
        assertThat(send("batch", "DELETE", "/v1/batches/" + id).code()).isEqualTo("batch_finished");
    }

    @Test
    void aBatchOfTwoHundredItemsAccountsForEveryItemExactlyOnceAndNeverFloodsTheJobsTopic() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            texts.add("Line " + i + ".");
        }

        String id = submitBatch("batch", aBatchForm(texts)).body().path("id").asString();

        JsonNode done = awaitStatus(id, "succeeded");
        assertThat(done.path("total").asInt()).isEqualTo(200);
        assertThat(done.path("succeeded").asInt()).isEqualTo(200);
        assertThat(done.path("failed").asInt() + done.path("canceled").asInt()).isZero();
        Set<String> jobIds = new HashSet<>();
        done.path("items").forEach(item -> {
            assertThat(item.path("status").asString()).isEqualTo("succeeded");
            jobIds.add(item.path("job_id").asString());
        });
        assertThat(jobIds).hasSize(200);
        assertThat(redis.opsForSet().size(BatchKeysForTest.counted(id))).isEqualTo(200);
        assertThat(worker.receivedByBatch.get(id)).isEqualTo(200);
        assertThat(worker.maxOutstandingByBatch.get(id)).isLessThanOrEqualTo(4);
    }

    @Test
    void aBadItemIsNamedByItsIndexAndNothingIsCreated() {
        long before = jobsOf("batch");
        ArrayNode items = JSON.createArrayNode();
        items.addObject().put("text", "Fine.");
        items.addObject().put("text", "Too fast.").put("speed", 9);
        items.addObject().put("text", "");
        items.addObject().put("text", "Unknown.").put("colour", "blue");
        MultipartBodyBuilder form = aValidForm("unused");
        form.part("items", items.toString());

        Answer answer = submitBatch("batch", form);

        assertThat(answer.status().value()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        answer.body().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("items[1].speed", "items[2].text", "items[3].colour");
        assertThat(jobsOf("batch")).isEqualTo(before);
    }

    @Test
    void aStoredVoiceServesJobsAndDeletingItLeavesAQueuedJobIntact() {
        MultipartBodyBuilder voiceForm = new MultipartBodyBuilder();
        voiceForm
                .part("reference_audio", TestClips.speechLike(3, 140))
                .filename("voice.wav")
                .contentType(MediaType.parseMediaType("audio/wav"));
        voiceForm.part("reference_text", "Some call me nature, others call me mother nature.");
        voiceForm.part("name", "Narrator");
        Answer created = post("voice", "/v1/voices", voiceForm);
        assertThat(created.status().value()).isEqualTo(201);
        String voiceId = created.body().path("id").asString();
        assertThat(voiceId).startsWith("voice_");
        assertThat(created.body().path("name").asString()).isEqualTo("Narrator");
        assertThat(created.body().path("duration_seconds").asDouble()).isBetween(2.5, 3.2);
        assertThat(get("voice", "/v1/voices").body().path("voices").findValuesAsString("id"))
                .contains(voiceId);
        assertThat(get("other", "/v1/voices/" + voiceId).code()).isEqualTo("voice_not_found");

        MultipartBodyBuilder jobForm = new MultipartBodyBuilder();
        jobForm.part("voice_id", voiceId);
        jobForm.part("text", "Spoken in a stored voice [slow].");
        Answer job = submit("voice", jobForm, null);
        assertThat(job.status().value()).isEqualTo(202);
        String jobId = job.body().path("id").asString();
        assertThat(jobHash(jobId).get(JobFields.REFERENCE_TEXT))
                .isEqualTo("Some call me nature, others call me mother nature.");
        String audioKey = jobHash(jobId).get(JobFields.REFERENCE_AUDIO_KEY).toString();
        assertThat(audioKey).matches("reference-audio/sha256/[0-9a-f]{64}");

        assertThat(send("voice", "DELETE", "/v1/voices/" + voiceId).status().value())
                .isEqualTo(204);

        assertThat(get("voice", "/v1/voices/" + voiceId).status().value()).isEqualTo(404);
        assertThat(jobHash(jobId).get(JobFields.REFERENCE_AUDIO_KEY)).isEqualTo(audioKey);
        assertThat(jobHash(jobId).get(JobFields.STATUS).toString()).isIn("queued", "running");
        MultipartBodyBuilder again = new MultipartBodyBuilder();
        again.part("voice_id", voiceId);
        again.part("text", "The voice is gone.");
        Answer refused = submit("voice", again, null);
        assertThat(refused.status().value()).isEqualTo(400);
        assertThat(refused.body().path("errors").get(0).path("field").asString())
                .isEqualTo("voice_id");
        send("voice", "DELETE", "/v1/jobs/" + jobId);
    }

    @Test
    void theOpenApiDocumentListsBatchesAndVoicesWithTheirProblemAnswers() {
        JsonNode paths = JSON.readTree(
                        client().get().uri("/v3/api-docs").retrieve().body(String.class))
                .path("paths");

        assertThat(paths.path("/v1/batches").path("post").path("responses").propertyNames())
                .contains("202", "400", "401", "409", "413", "503");
        assertThat(paths.path("/v1/batches/{id}")
                        .path("delete")
                        .path("responses")
                        .propertyNames())
                .contains("202", "404", "409");
        assertThat(paths.path("/v1/batches/{id}/retry")
                        .path("post")
                        .path("responses")
                        .propertyNames())
                .contains("202", "404", "409");
        assertThat(paths.path("/v1/batches/{id}/audio")
                        .path("get")
                        .path("responses")
                        .propertyNames())
                .contains("200", "404", "409", "410");
        assertThat(paths.path("/v1/voices").path("post").path("responses").propertyNames())
                .contains("201", "400", "401");
        assertThat(paths.path("/v1/voices/{id}")
                        .path("delete")
                        .path("responses")
                        .propertyNames())
                .contains("204", "404");
    }

    @Test
    void theSameIdempotencyKeyTwiceMakesOneBatchAndADifferentBodyIsAConflict() {
        String key = "batch-idem-" + System.nanoTime();
        Answer first = postForm("batch", "/v1/batches", aBatchForm(List.of("One, twice.", "Two, twice.")), key);
        Answer again = postForm("batch", "/v1/batches", aBatchForm(List.of("One, twice.", "Two, twice.")), key);
        Answer changed = postForm("batch", "/v1/batches", aBatchForm(List.of("Something else entirely.")), key);

        assertThat(first.status().value()).isEqualTo(202);
        assertThat(again.status().value()).isEqualTo(202);
        assertThat(again.body().path("id").asString())
                .isEqualTo(first.body().path("id").asString());
        assertThat(again.body().path("items").get(0).path("job_id").asString())
                .isEqualTo(first.body().path("items").get(0).path("job_id").asString());
        assertThat(changed.status().value()).isEqualTo(409);
        assertThat(changed.body().path("code").asString()).isEqualTo("idempotency_conflict");
    }

    private Answer submitBatch(String ownerName, MultipartBodyBuilder form) {
        return post(ownerName, "/v1/batches", form);
    }

    private Answer post(String ownerName, String path, MultipartBodyBuilder form) {
        return postForm(ownerName, path, form, null);
    }

    private JsonNode awaitStatus(String batchId, String status) {
        await().atMost(FINISH)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> get("batch", "/v1/batches/" + batchId)
                                .body()
                                .path("status")
                                .asString(),
                        status::equals);
        return get("batch", "/v1/batches/" + batchId).body();
    }

    private static short[] pcm(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int dataBytes = b.getInt(40);
        short[] samples = new short[dataBytes / 2];
        b.position(44);
        b.asShortBuffer().get(samples);
        return samples;
    }

    /** The batch key layout as the README documents it. */
    static final class BatchKeysForTest {
        static String audio(String batchId) {
            return RedisKeys.PREFIX + "batch:" + batchId + ":audio";
        }

        static String counted(String batchId) {
            return RedisKeys.PREFIX + "batch:" + batchId + ":counted";
        }
    }
}
