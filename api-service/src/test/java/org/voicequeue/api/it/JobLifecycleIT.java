package org.voicequeue.api.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.voicequeue.model.kafka.Topics;
import org.voicequeue.model.redis.JobFields;
import org.voicequeue.model.redis.RedisKeys;
import org.voicequeue.model.redis.WorkerFields;
import tools.jackson.databind.JsonNode;

/** Submission, reading, listing, idempotency and cancellation against real Redis, Kafka and S3. */
class JobLifecycleIT extends ApiIntegrationSupport {

    @Test
    void anAcceptedJobIsRecordedInRedisAndQueuedOnKafkaKeyedByItsId() {
        try (TopicReader jobsTopic = new TopicReader(Topics.JOBS)) {
            MultipartBodyBuilder form = aValidForm("Hello from the integration test.");
            form.part("speed", "1.2");
            form.part("seed", "7");
            form.part("metadata", "{\"chapter\":3}");
            form.part("callback_url", "https://localhost/hooks/vq");

            Answer answer = submit("main", form, null);

            assertThat(answer.status().value()).isEqualTo(202);
            String id = answer.body().path("id").asString();
            assertThat(id).matches("job_[0-9A-Z]{26}");
            assertThat(answer.headers().getLocation()).hasToString("/v1/jobs/" + id);
            assertThat(answer.body().path("status").asString()).isEqualTo("queued");
            assertThat(answer.body().path("model").asString()).isEqualTo("F5-TTS");
            assertThat(answer.body().path("params").path("speed").asDouble()).isEqualTo(1.2);
            assertThat(answer.body().path("params").path("nfe_steps").asInt()).isEqualTo(32);
            assertThat(answer.body().path("metadata").path("chapter").asInt()).isEqualTo(3);
            assertThat(answer.body().path("result").isNull()).isTrue();
            Instant.parse(answer.body().path("created_at").asString());

            Map<Object, Object> hash = jobHash(id);
            assertThat(hash)
                    .containsEntry(JobFields.STATUS, "queued")
                    .containsEntry(JobFields.OWNER, owner("main"))
                    .containsEntry(JobFields.ATTEMPTS, "0")
                    .containsEntry("callback_url", "https://localhost/hooks/vq")
                    .containsEntry("callback_events", "completed,failed,canceled");
            assertThat(hash.get(JobFields.REFERENCE_AUDIO_KEY).toString())
                    .matches("reference-audio/sha256/[0-9a-f]{64}");
            assertThat(hash.get(JobFields.PARAMS).toString()).contains("\"nfe_steps\":32", "\"seed\":7");
            assertThat(redis.opsForZSet().score(RedisKeys.jobsOfOwner(owner("main")), id))
                    .isNotNull();

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jobsTopic.records().stream().anyMatch(r -> id.equals(r.key())));
            ConsumerRecord<String, String> message = jobsTopic.records().stream()
                    .filter(r -> id.equals(r.key()))
                    .findFirst()
                    .orElseThrow();
            JsonNode submitted = JSON.readTree(message.value());
            assertThat(submitted.path("schema_version").asInt()).isEqualTo(1);
            assertThat(submitted.path("job_id").asString()).isEqualTo(id);
            assertThat(submitted.path("reference_audio_key").asString())
                    .isEqualTo(hash.get(JobFields.REFERENCE_AUDIO_KEY));
            assertThat(submitted.path("params").path("sway_sampling_coef").asDouble())
                    .isEqualTo(-1.0);
            Instant.parse(submitted.path("submitted_at").asString());
        }
    }

    @Test
    void theSameReferenceAudioIsStoredOnceUnderItsContentHash() {
        String first =
                submit("main", aValidForm("One."), null).body().path("id").asString();
        String second =
                submit("main", aValidForm("Two."), null).body().path("id").asString();

        assertThat(jobHash(first).get(JobFields.REFERENCE_AUDIO_KEY))
                .isEqualTo(jobHash(second).get(JobFields.REFERENCE_AUDIO_KEY));
    }

    @Test
    void aJobCanBeReadByItsOwnerOnly() {
        String id = submit("main", aValidForm("Mine."), null).body().path("id").asString();

        Answer mine = get("main", "/v1/jobs/" + id);
        Answer theirs = get("other", "/v1/jobs/" + id);

        assertThat(mine.status().value()).isEqualTo(200);
        assertThat(mine.body().path("id").asString()).isEqualTo(id);
        assertThat(theirs.status().value()).isEqualTo(404);
        assertThat(theirs.code()).isEqualTo("job_not_found");
        assertThat(send("other", "DELETE", "/v1/jobs/" + id).status().value()).isEqualTo(404);
    }

    @Test
    void theAudioOfAQueuedJobIsNotReadyYet() {
        String id =
                submit("main", aValidForm("Not yet."), null).body().path("id").asString();

        Answer answer = get("main", "/v1/jobs/" + id + "/audio");

        assertThat(answer.status().value()).isEqualTo(409);
        assertThat(answer.code()).isEqualTo("job_not_finished");
    }

    @Test
    void theSameIdempotencyKeyAndBodyGiveTheOriginalJobAndADifferentBodyIsAConflict() {
        long before = jobsOf("idem");

        Answer first = submit("idem", aValidForm("Exactly once."), "order-42");
        Answer again = submit("idem", aValidForm("Exactly once."), "order-42");
        Answer different = submit("idem", aValidForm("Something else."), "order-42");

        assertThat(first.status().value()).isEqualTo(202);
        assertThat(again.status().value()).isEqualTo(202);
        assertThat(again.body().path("id").asString())
                .isEqualTo(first.body().path("id").asString());
        assertThat(different.status().value()).isEqualTo(409);
        assertThat(different.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(different.code()).isEqualTo("idempotency_conflict");
        assertThat(jobsOf("idem")).isEqualTo(before + 1);
        assertThat(redis.getExpire(RedisKeys.idempotency(owner("idem"), "order-42")))
                .isBetween(86_000L, 86_400L);
    }

    @Test
    void aQueuedJobIsCanceledAtOnceAndTheCancelIsAnnounced() {
        try (TopicReader events = new TopicReader(Topics.JOB_EVENTS)) {
            String id = submit("cancel", aValidForm("Never mind."), null)
                    .body()
                    .path("id")
                    .asString();

            Answer canceled = send("cancel", "DELETE", "/v1/jobs/" + id);

            assertThat(canceled.status().value()).isEqualTo(202);
            assertThat(canceled.body().path("status").asString()).isEqualTo("canceled");
            assertThat(canceled.body().path("completed_at").asString()).isNotBlank();
            assertThat(jobHash(id)).containsEntry(JobFields.STATUS, "canceled");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> events.records().stream()
                            .anyMatch(r -> id.equals(r.key()) && r.value().contains("\"type\":\"CANCELED\"")));

            Answer twice = send("cancel", "DELETE", "/v1/jobs/" + id);
            assertThat(twice.status().value()).isEqualTo(409);
            assertThat(twice.code()).isEqualTo("job_finished");
        }
    }

    @Test
    void aRunningJobIsAskedToStop() {
        String id =
                submit("cancel", aValidForm("Stop me."), null).body().path("id").asString();
        redis.opsForHash().put(RedisKeys.job(id), JobFields.STATUS, "running"); // as a worker would

        Answer answer = send("cancel", "DELETE", "/v1/jobs/" + id);

        assertThat(answer.status().value()).isEqualTo(202);
        assertThat(answer.body().path("status").asString()).isEqualTo("running");
        assertThat(jobHash(id)).containsEntry(JobFields.CANCEL_REQUESTED, "1");
    }

    @Test
    void jobsAreListedNewestFirstPageByPageAndFilteredByStatus() {
        List<String> ids = List.of(
                submit("other", aValidForm("First."), null).body().path("id").asString(),
                submit("other", aValidForm("Second."), null).body().path("id").asString(),
                submit("other", aValidForm("Third."), null).body().path("id").asString());
        send("other", "DELETE", "/v1/jobs/" + ids.get(1));

        Answer page1 = get("other", "/v1/jobs?limit=2");
        String cursor = page1.body().path("next_cursor").asString();
        Answer page2 = get("other", "/v1/jobs?limit=2&cursor=" + cursor);
        Answer canceled = get("other", "/v1/jobs?status=canceled");

        assertThat(ids(page1)).containsExactly(ids.get(2), ids.get(1));
        assertThat(page1.body().path("has_more").asBoolean()).isTrue();
        assertThat(ids(page2)).startsWith(ids.get(0));
        assertThat(ids(canceled)).contains(ids.get(1)).doesNotContain(ids.get(0), ids.get(2));
        assertThat(get("other", "/v1/jobs?status=bogus").status().value()).isEqualTo(400);
    }

    @Test
    void theModelsAreTheConfiguredOnesWithTheirDefaults() {
        Answer models = get("main", "/v1/models");

        assertThat(models.status().value()).isEqualTo(200);
        List<String> ids =
                models.body().valueStream().map(m -> m.path("id").asString()).toList();
        assertThat(ids).contains("F5-TTS", "E2-TTS");
        JsonNode f5 = models.body()
                .valueStream()
                .filter(m -> m.path("id").asString().equals("F5-TTS"))
                .findFirst()
                .orElseThrow();
        assertThat(f5.path("enabled").asBoolean()).isTrue();
        assertThat(f5.path("sample_rate").asInt()).isEqualTo(24000);
        assertThat(f5.path("max_reference_seconds").asDouble()).isEqualTo(12.0);
        assertThat(f5.path("defaults").path("nfe_steps").asInt()).isEqualTo(32);
    }

    @Test
    void aModelThatALiveWorkerReportsIsAvailableAndCanBeUsed() {
        String model = "IT-" + RUN + "-TTS";
        String worker = RedisKeys.worker("api-it-" + RUN);
        redis.opsForHash()
                .put(
                        worker,
                        WorkerFields.MODELS,
                        "[{\"id\":\"" + model + "\",\"sample_rate\":24000,"
                                + "\"languages\":[\"en\"],\"max_reference_seconds\":12.0,\"weights\":\"random\","
                                + "\"parameter_count\":1234}]");
        redis.expire(worker, Duration.ofSeconds(30));
        try {
            JsonNode listed = get("main", "/v1/models")
                    .body()
                    .valueStream()
                    .filter(m -> m.path("id").asString().equals(model))
                    .findFirst()
                    .orElseThrow();
            MultipartBodyBuilder form = aValidForm("With a worker's model.");
            form.part("model", model);

            assertThat(listed.path("available").asBoolean()).isTrue();
            assertThat(listed.path("weights").asString()).isEqualTo("random");
            assertThat(listed.path("parameter_count").asLong()).isEqualTo(1234);
            assertThat(submit("main", form, null).status().value()).isEqualTo(202);
        } finally {
            redis.delete(worker);
        }
        MultipartBodyBuilder gone = aValidForm("The worker left.");
        gone.part("model", model);
        assertThat(submit("main", gone, null).code()).isEqualTo("unknown_model");
    }

    private static List<String> ids(Answer page) {
        return page.body()
                .path("data")
                .valueStream()
                .map(j -> j.path("id").asString())
                .toList();
    }
}
