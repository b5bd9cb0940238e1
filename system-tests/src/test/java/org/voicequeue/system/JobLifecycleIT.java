package org.voicequeue.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.voicequeue.testsupport.TestInfrastructure;
import tools.jackson.databind.JsonNode;

/** Submit → queue → synthesize (ONNX, tiny committed model) → poll → audio, through both packaged services. */
class JobLifecycleIT {
    private static final int HOP = 256;
    private static final int RATE = 24_000;

    private static Platform platform;
    private static ApiClient client;
    private static byte[] reference;
    private static String referenceText;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.start();
        client = new ApiClient(platform.api.uri("/"));
        Path demo = TestInfrastructure.get().repoRoot().resolve("demo");
        reference = Files.readAllBytes(demo.resolve("reference.wav"));
        referenceText = Files.readString(demo.resolve("reference.txt")).strip();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void submittedJobIsSynthesizedByTheOnnxEngineWithTheLengthOfItsDurationEstimate() throws Exception {
        // A clip with no silence anywhere: the engine's reference clean-up (official preprocess_ref_audio_text)
        // then keeps every sample and only appends 50 ms of silence, so the expected length is exact.
        int clipSamples = 3 * RATE;
        byte[] tone = toneWav(clipSamples);
        String toneText = "A steady tone without pauses";
        String text = "Queues make slow work feel fast.";
        ApiClient.Answer submitted = client.submit(
                new ApiClient.Submission()
                        .referenceAudio(tone)
                        .field("reference_text", toneText)
                        .field("text", text)
                        .field("model", "F5-TTS")
                        .field("nfe_steps", "8")
                        .field("seed", "42"),
                null);
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
        String id = submitted.body().get("id").asString();

        JsonNode job = awaitTerminal(id);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(job.get("attempts").asInt()).isEqualTo(1);
        assertThat(job.get("result").get("expires_at").asString()).isNotBlank();

        ApiClient.Answer audio = client.get("/v1/jobs/" + id + "/audio");
        assertThat(audio.status()).isEqualTo(200);
        byte[] wav = Base64.getDecoder().decode(audio.body().get("audio_base64").asString());
        assertThat(client.getWav("/v1/jobs/" + id + "/audio").raw()).isEqualTo(wav);

        // Official duration rule (models/GRAPH-CONTRACT.md §3): refA = S // hop with S the cleaned reference,
        // generated frames = int(refA / utf8(ref_text) * utf8(text) / speed), and the vocoder turns them into
        // (generated - 1) * hop samples.
        int refA = (clipSamples + RATE / 20) / HOP;
        int generated = (int) ((double) refA / utf8(officialReferenceText(toneText)) * utf8(text) / 1.0);
        assertThat(pcm16Samples(wav)).isEqualTo((generated - 1) * HOP);
        assertThat(job.get("result").get("sample_rate").asInt()).isEqualTo(RATE);
        assertThat(job.get("result").get("duration_seconds").asDouble())
                .isCloseTo((generated - 1) * HOP / (double) RATE, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void aRunningJobCanceledThroughTheApiStopsBetweenStepsAndEndsCanceled() throws Exception {
        ApiClient.Answer submitted = client.submit(
                new ApiClient.Submission()
                        .referenceAudio(reference)
                        .field("reference_text", referenceText)
                        .field("text", "A long sentence that keeps the worker busy for many sampling steps. ".repeat(6))
                        .field("nfe_steps", "64"),
                null);
        assertThat(submitted.status()).isEqualTo(202);
        String id = submitted.body().get("id").asString();
        await("job running")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> client.get("/v1/jobs/" + id).body().get("status").asString(), s -> !s.equals("queued"));

        ApiClient.Answer cancel = client.delete("/v1/jobs/" + id);

        assertThat(cancel.status()).as(cancel.body().toString()).isEqualTo(202);
        JsonNode job = awaitTerminal(id);
        assertThat(job.get("status").asString()).isEqualTo("canceled");
        assertThat(job.get("progress").asDouble()).isLessThan(1.0);
        assertThat(client.get("/v1/jobs/" + id + "/audio").status()).isEqualTo(409);
    }

    @Test
    void sameSeedSameInputsGiveTheSameAudio() throws Exception {
        byte[] first = synthesizeWithSeed(7);
        byte[] second = synthesizeWithSeed(7);
        assertThat(second).isEqualTo(first);
        assertThat(synthesizeWithSeed(8)).isNotEqualTo(first);
    }

    private static byte[] synthesizeWithSeed(long seed) throws Exception {
        ApiClient.Answer submitted = client.submit(
                new ApiClient.Submission()
                        .referenceAudio(reference)
                        .field("reference_text", referenceText)
                        .field("text", "Seeds make noise repeatable.")
                        .field("nfe_steps", "4")
                        .field("seed", Long.toString(seed)),
                null);
        assertThat(submitted.status()).isEqualTo(202);
        String id = submitted.body().get("id").asString();
        assertThat(awaitTerminal(id).get("status").asString()).isEqualTo("succeeded");
        return client.getWav("/v1/jobs/" + id + "/audio").raw();
    }

    @Test
    void theSameIdempotencyKeyTwiceMakesOneJob() throws Exception {
        ApiClient.Submission submission = new ApiClient.Submission()
                .referenceAudio(reference)
                .field("reference_text", referenceText)
                .field("text", "Once is enough.")
                .field("nfe_steps", "4");
        String key = "system-idem-" + System.nanoTime();
        ApiClient.Answer first = client.submit(submission, key);
        ApiClient.Answer second = client.submit(submission, key);
        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.body().get("id").asString())
                .isEqualTo(first.body().get("id").asString());
        assertThat(awaitTerminal(first.body().get("id").asString())
                        .get("status")
                        .asString())
                .isEqualTo("succeeded");
    }

    @Test
    void modelsListedAsAvailableComeFromTheLiveWorker() throws Exception {
        ApiClient.Answer models = client.get("/v1/models");
        assertThat(models.status()).isEqualTo(200);
        AtomicReference<JsonNode> f5 = new AtomicReference<>();
        models.body().forEach(m -> {
            if ("F5-TTS".equals(m.get("id").asString())) {
                f5.set(m);
            }
        });
        assertThat(f5.get()).as(models.body().toString()).isNotNull();
        assertThat(f5.get().get("available").asBoolean()).isTrue();
        assertThat(f5.get().get("weights").asString()).isEqualTo("random");
    }

    @Test
    void unknownJobIsAProblemNotAStackTrace() throws Exception {
        ApiClient.Answer answer = client.get("/v1/jobs/job_01JZZZZZZZZZZZZZZZZZZZZZZZ");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().get("code").asString()).isEqualTo("job_not_found");
        assertThat(new String(answer.raw(), StandardCharsets.UTF_8)).doesNotContain("Exception", "at org.");
    }

    private static JsonNode awaitTerminal(String id) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await("job " + id + " terminal")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    ApiClient.Answer answer = client.get("/v1/jobs/" + id);
                    last.set(answer.body());
                    assertThat(answer.status()).isEqualTo(200);
                    assertThat(answer.body().get("status").asString()).isIn("succeeded", "failed", "canceled");
                });
        return last.get();
    }

    /**
     * The reference text as the official code measures it: end with ". " unless it ends with ". " or "。"
     * (preprocess_ref_audio_text), then one more space when the last character is one UTF-8 byte
     * (infer_batch_process).
     */
    private static String officialReferenceText(String text) {
        String t = text;
        if (!t.endsWith(". ") && !t.endsWith("。")) {
            t = t.endsWith(".") ? t + " " : t + ". ";
        }
        return t.substring(t.length() - 1).getBytes(StandardCharsets.UTF_8).length == 1 ? t + " " : t;
    }

    /** 16-bit mono WAV of a loud two-tone chord: no sample window is silent, start to end. */
    private static byte[] toneWav(int samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(36 + 2 * samples)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(RATE)
                .putInt(2 * RATE)
                .putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            double t = i / (double) RATE;
            double v = 0.3 * Math.sin(2 * Math.PI * 220 * t) + 0.2 * Math.sin(2 * Math.PI * 330 * t);
            b.putShort((short) Math.round(v * 32767));
        }
        return b.array();
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Number of 16-bit mono samples in a canonical WAV (walks the chunks to find "data"). */
    private static int pcm16Samples(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        while (pos + 8 <= wav.length) {
            String id = new String(wav, pos, 4, StandardCharsets.US_ASCII);
            int size = b.getInt(pos + 4);
            if (id.equals("data")) {
                return size / 2;
            }
            pos += 8 + size + (size & 1);
        }
        throw new AssertionError("no data chunk");
    }
}
