package org.voicequeue.api.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.voicequeue.model.kafka.Topics;
import org.voicequeue.model.redis.RedisKeys;

/**
 * Every kind of bad submission is answered 4xx problem+json naming what is wrong, never 5xx, and creates nothing:
 * no job record, no index entry, no idempotency record, no Kafka message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT extends ApiIntegrationSupport {
    private static final String OWNER = "bad";
    private TopicReader jobsTopic;

    record Case(
            String name,
            Supplier<MultipartBodyBuilder> form,
            int status,
            String code,
            @Nullable String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> badSubmissions() {
        return Stream.of(
                new Case("no fields at all", () -> only("model", "F5-TTS"), 400, "validation_failed", "text"),
                new Case(
                        "no reference audio",
                        () -> without("reference_audio"),
                        400,
                        "validation_failed",
                        "reference_audio"),
                new Case(
                        "no reference text",
                        () -> without("reference_text"),
                        400,
                        "validation_failed",
                        "reference_text"),
                new Case("empty text", () -> with("text", ""), 400, "validation_failed", "text"),
                new Case(
                        "text over 20,000 characters",
                        () -> with("text", "a".repeat(20_001)),
                        400,
                        "text_too_long",
                        "text"),
                new Case(
                        "reference text over 1,000 characters",
                        () -> with("reference_text", "b".repeat(1_001)),
                        400,
                        "validation_failed",
                        "reference_text"),
                new Case(
                        "a text file named .wav",
                        () -> withAudio("hello, I am not audio\n".getBytes()),
                        400,
                        "invalid_audio",
                        "reference_audio"),
                new Case(
                        "a truncated WAV",
                        () -> withAudio(Arrays.copyOf(TestClips.speechLike(3, 140), 30)),
                        400,
                        "invalid_audio",
                        "reference_audio"),
                new Case(
                        "silence only", () -> withAudio(TestClips.silence(3)), 400, "invalid_audio", "reference_audio"),
                new Case(
                        "0.2 s of audio",
                        () -> withAudio(TestClips.tone(0.2)),
                        400,
                        "invalid_audio",
                        "reference_audio"),
                new Case(
                        "a 25 MB upload",
                        () -> withAudio(TestClips.concat(TestClips.speechLike(3, 140), new byte[25 * 1024 * 1024])),
                        413,
                        "payload_too_large",
                        null),
                new Case("speed out of range", () -> with("speed", "5"), 400, "validation_failed", "speed"),
                new Case("speed not a number", () -> with("speed", "fast"), 400, "validation_failed", "speed"),
                new Case(
                        "nfe_steps out of range",
                        () -> with("nfe_steps", "100"),
                        400,
                        "validation_failed",
                        "nfe_steps"),
                new Case("unknown model", () -> with("model", "No-Such-TTS"), 400, "unknown_model", "model"),
                new Case(
                        "malformed metadata",
                        () -> with("metadata", "{not json"),
                        400,
                        "validation_failed",
                        "metadata"),
                new Case(
                        "metadata that is not an object",
                        () -> with("metadata", "[1,2]"),
                        400,
                        "validation_failed",
                        "metadata"),
                new Case(
                        "metadata over 4 KB",
                        () -> with("metadata", "{\"a\":\"" + "x".repeat(4_100) + "\"}"),
                        400,
                        "validation_failed",
                        "metadata"),
                new Case(
                        "plain http callback",
                        () -> with("callback_url", "http://example.com/hook"),
                        400,
                        "validation_failed",
                        "callback_url"),
                refusedCallback("http://127.0.0.1/hook"),
                refusedCallback("http://[::1]/hook"),
                refusedCallback("http://169.254.169.254/latest/meta-data/"),
                refusedCallback("http://10.0.0.1/hook"),
                refusedCallback("https://" + machineHostName() + "/hook"),
                refusedCallback("file:///etc/passwd"),
                refusedCallback("ftp://files.example/hook"),
                new Case(
                        "unknown callback event",
                        () -> withAll(
                                "callback_url", "https://example.com/hook", "callback_events", "completed,exploded"),
                        400,
                        "validation_failed",
                        "callback_events"));
    }

    /** A host name (not an IP literal) that resolves to this machine: loopback or private here. */
    private static String machineHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SSRF guard: each refused with 400 naming callback_url, before anything is stored or sent. */
    private static Case refusedCallback(String url) {
        return new Case(
                "callback to " + url, () -> with("callback_url", url), 400, "validation_failed", "callback_url");
    }

    @BeforeAll
    void startReading() {
        jobsTopic = new TopicReader(Topics.JOBS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSubmissions")
    void aBadSubmissionIsAProblemNamingTheFieldAndCreatesNothing(Case bad) {
        Answer answer = submit(OWNER, bad.form().get(), "idem-" + bad.name().hashCode());

        assertThat(answer.status().value()).as(bad.name()).isEqualTo(bad.status());
        assertThat(answer.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.code()).isEqualTo(bad.code());
        assertThat(answer.body().path("status").asInt()).isEqualTo(bad.status());
        assertThat(answer.body().path("title").asString()).isNotBlank();
        assertThat(answer.body().path("detail").asString()).isNotBlank().doesNotContain("Exception");
        if (bad.field() != null) {
            List<String> fields = answer.body()
                    .path("errors")
                    .valueStream()
                    .map(e -> e.path("field").asString())
                    .toList();
            assertThat(fields).contains(bad.field());
        }
        assertThat(jobsOf(OWNER)).isZero();
        assertThat(redis.keys(RedisKeys.idempotency(owner(OWNER), "*"))).isEmpty();
    }

    @Test
    void aSubmissionThatIsNotMultipartIsUnsupportedMediaType() {
        Answer answer = client().post()
                .uri("/v1/jobs")
                .header("Authorization", "Bearer " + key(OWNER))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"text\":\"hi\"}")
                .exchange((request, response) -> new Answer(
                        response.getStatusCode(),
                        response.getHeaders(),
                        JSON.readTree(response.getBody().readAllBytes())));

        assertThat(answer.status().value()).isEqualTo(415);
        assertThat(answer.code()).isEqualTo("unsupported_media_type");
    }

    @Test
    void anUnknownJobIdIsNotFound() {
        Answer answer = get(OWNER, "/v1/jobs/job_01ARZ3NDEKTSV4RRFFQ69G5FAV");

        assertThat(answer.status().value()).isEqualTo(404);
        assertThat(answer.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.code()).isEqualTo("job_not_found");
    }

    @Test
    void aRequestWithoutAnApiKeyIsUnauthorized() {
        Answer answer = client().get()
                .uri("/v1/jobs")
                .exchange((request, response) -> new Answer(
                        response.getStatusCode(),
                        response.getHeaders(),
                        JSON.readTree(response.getBody().readAllBytes())));

        assertThat(answer.status().value()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("unauthorized");
    }

    @AfterAll
    void noBadSubmissionReachedKafka() {
        try (TopicReader reader = jobsTopic) {
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> reader.records().stream()
                            .noneMatch(r -> r.value().contains("\"owner\":\"" + owner(OWNER) + "\"")));
        }
    }

    private static MultipartBodyBuilder only(String name, String value) {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part(name, value);
        return form;
    }

    private static MultipartBodyBuilder without(String field) {
        MultipartBodyBuilder valid = aValidForm("Hello there.");
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        valid.build().forEach((name, parts) -> {
            if (!name.equals(field)) {
                parts.forEach(part -> form.part(name, part));
            }
        });
        return form;
    }

    private static MultipartBodyBuilder with(String name, String value) {
        MultipartBodyBuilder form = without(name);
        form.part(name, value);
        return form;
    }

    private static MultipartBodyBuilder withAll(String n1, String v1, String n2, String v2) {
        MultipartBodyBuilder form = with(n1, v1);
        form.part(n2, v2);
        return form;
    }

    private static MultipartBodyBuilder withAudio(byte[] audio) {
        MultipartBodyBuilder form = without("reference_audio");
        form.part("reference_audio", audio)
                .filename("reference.wav")
                .contentType(MediaType.parseMediaType("audio/wav"));
        return form;
    }
}
