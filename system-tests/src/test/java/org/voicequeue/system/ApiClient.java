package org.voicequeue.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of the public API, as a user's program would be: no classes of the services. */
final class ApiClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    ApiClient(URI base) {
        this.base = base;
    }

    record Answer(int status, JsonNode body, byte[] raw) {}

    /** A job submission: text fields plus the reference clip. */
    static final class Submission {
        final Map<String, String> fields = new LinkedHashMap<>();
        byte[] referenceAudio = new byte[0];

        Submission field(String name, String value) {
            fields.put(name, value);
            return this;
        }

        Submission referenceAudio(byte[] bytes) {
            referenceAudio = bytes;
            return this;
        }
    }

    Answer submit(Submission submission, String idempotencyKey) throws IOException, InterruptedException {
        return post("/v1/jobs", submission, idempotencyKey);
    }

    Answer submitBatch(Submission submission) throws IOException, InterruptedException {
        return post("/v1/batches", submission, null);
    }

    private Answer post(String path, Submission submission, String idempotencyKey)
            throws IOException, InterruptedException {
        String boundary = "vq-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : submission.fields.entrySet()) {
            part(body, boundary, "Content-Disposition: form-data; name=\"" + field.getKey() + "\"");
            body.write(field.getValue().getBytes(StandardCharsets.UTF_8));
            body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        part(
                body,
                boundary,
                "Content-Disposition: form-data; name=\"reference_audio\"; filename=\"reference.wav\"\r\n"
                        + "Content-Type: application/octet-stream");
        body.write(submission.referenceAudio);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Answer getWav(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Accept", "audio/wav")
                .GET());
    }

    Answer delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response =
                http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        String type = response.headers().firstValue("Content-Type").orElse("");
        JsonNode json = type.contains("json") ? JSON.readTree(response.body()) : JSON.nullNode();
        return new Answer(response.statusCode(), json, response.body());
    }

    private static void part(ByteArrayOutputStream body, String boundary, String headers) throws IOException {
        body.write(("--" + boundary + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    }
}
