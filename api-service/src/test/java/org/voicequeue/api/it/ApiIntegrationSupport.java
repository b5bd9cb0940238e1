package org.voicequeue.api.it;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.voicequeue.testsupport.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The api-service on a random port against the real Kafka, Redis and S3 of {@link TestInfrastructure}. Each test
 * class gets owners (API keys) of its own, so counting an owner's jobs is not disturbed by other tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ApiIntegrationSupport {
    /** One run id per JVM: owners are {@code it-<run>-<name>}, their keys {@code key-<run>-<name>}. */
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    static final String[] OWNERS = {"main", "other", "bad", "outage", "idem", "cancel", "batch", "voice", "hook"};
    /** A Standard Webhooks signing secret of this run, so webhook ITs can verify what they receive. */
    static final String WEBHOOK_SECRET = "whsec_"
            + java.util.Base64.getEncoder()
                    .encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    StringRedisTemplate redis;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
        StringBuilder keys = new StringBuilder();
        for (String name : OWNERS) {
            keys.append(keys.isEmpty() ? "" : ",")
                    .append(owner(name))
                    .append(':')
                    .append(sha256(key(name)));
        }
        registry.add("voicequeue.api-keys", keys::toString);
        registry.add("voicequeue.storage.bucket", () -> "voicequeue-it-reference-audio");
        registry.add("voicequeue.kafka.partitions", () -> "3");
        // the submission resolves callback hosts; no public DNS here, so the accepted callback is an allow-listed one
        registry.add("voicequeue.webhook.allowed-hosts", () -> "localhost");
        registry.add("voicequeue.webhook.secret", () -> WEBHOOK_SECRET);
    }

    static String owner(String name) {
        return "it-" + RUN + "-" + name;
    }

    static String key(String name) {
        return "key-" + RUN + "-" + name;
    }

    record Answer(
            HttpStatusCode status,
            HttpHeaders headers,
            @Nullable JsonNode body) {
        String code() {
            return body == null ? "" : body.path("code").asString();
        }
    }

    Answer submit(String ownerName, MultipartBodyBuilder form, @Nullable String idempotencyKey) {
        return postForm(ownerName, "/v1/jobs", form, idempotencyKey);
    }

    /** A multipart POST as a client of the API sends it (jobs, batches, voices). */
    Answer postForm(String ownerName, String path, MultipartBodyBuilder form, @Nullable String idempotencyKey) {
        return client().post()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key(ownerName))
                .headers(h -> {
                    if (idempotencyKey != null) {
                        h.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(form.build())
                .exchange((request, response) -> answer(
                        response.getStatusCode(),
                        response.getHeaders(),
                        response.getBody().readAllBytes()));
    }

    Answer get(String ownerName, String path) {
        return send(ownerName, "GET", path);
    }

    Answer send(String ownerName, String method, String path) {
        return client().method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key(ownerName))
                .exchange((request, response) -> answer(
                        response.getStatusCode(),
                        response.getHeaders(),
                        response.getBody().readAllBytes()));
    }

    RestClient client() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    }

    /** A valid submission: 3 s of speech-like audio, a transcript and a text. */
    static MultipartBodyBuilder aValidForm(String text) {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("reference_audio", TestClips.speechLike(3, 140))
                .filename("reference.wav")
                .contentType(MediaType.parseMediaType("audio/wav"));
        form.part("reference_text", "Some call me nature, others call me mother nature.");
        form.part("text", text);
        return form;
    }

    /** A valid batch: the same reference as {@link #aValidForm} and one item per text, ids item-0, item-1, ... */
    static MultipartBodyBuilder aBatchForm(List<String> texts) {
        tools.jackson.databind.node.ArrayNode items = JSON.createArrayNode();
        for (int i = 0; i < texts.size(); i++) {
            items.addObject().put("text", texts.get(i)).put("id", "item-" + i);
        }
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("reference_audio", TestClips.speechLike(3, 140))
                .filename("reference.wav")
                .contentType(MediaType.parseMediaType("audio/wav"));
        form.part("reference_text", "Some call me nature, others call me mother nature.");
        form.part("items", items.toString());
        return form;
    }

    long jobsOf(String ownerName) {
        Long count = redis.opsForZSet().zCard(org.voicequeue.model.redis.RedisKeys.jobsOfOwner(owner(ownerName)));
        return count == null ? 0 : count;
    }

    Map<Object, Object> jobHash(String jobId) {
        return redis.opsForHash().entries(org.voicequeue.model.redis.RedisKeys.job(jobId));
    }

    private static Answer answer(HttpStatusCode status, HttpHeaders headers, byte[] body) {
        JsonNode json = null;
        MediaType type = headers.getContentType();
        if (body.length > 0 && type != null && type.getSubtype().contains("json")) {
            json = JSON.readTree(body);
        }
        return new Answer(status, headers, json);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
