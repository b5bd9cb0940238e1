package org.voicequeue.worker.synthesis.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One official run under {@code models/fixtures/golden/<model>/<case>/} (GRAPH-CONTRACT.md §5). */
record GoldenCase(Path dir, JsonNode json) {

    static Path root() {
        return ModelsDirectory.defaultDir().resolve("fixtures/golden");
    }

    static GoldenCase load(String model, String name) throws IOException {
        return at(root().resolve(model).resolve(name));
    }

    static GoldenCase at(Path dir) throws IOException {
        return new GoldenCase(dir, JsonMapper.builder().build().readTree(Files.readString(dir.resolve("golden.json"))));
    }

    Path modelDir() {
        return ModelsDirectory.defaultDir()
                .getParent()
                .resolve(json.path("model_dir").asString());
    }

    String string(String key) {
        return json.path(key).asString();
    }

    int chunkCount() {
        return json.path("chunks").size();
    }

    float[] floats(String array) throws IOException {
        ByteBuffer b = bytes(array);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    long[] ints(String array) throws IOException {
        JsonNode a = json.path("arrays").path(array);
        ByteBuffer b = bytes(array);
        boolean wide = "int64".equals(a.path("dtype").asString());
        long[] out = new long[b.remaining() / (wide ? 8 : 4)];
        for (int i = 0; i < out.length; i++) {
            out[i] = wide ? b.getLong() : b.getInt();
        }
        return out;
    }

    private ByteBuffer bytes(String array) throws IOException {
        String file = json.path("arrays").path(array).path("file").asString();
        return ByteBuffer.wrap(Files.readAllBytes(dir.resolve(file))).order(ByteOrder.LITTLE_ENDIAN);
    }
}
