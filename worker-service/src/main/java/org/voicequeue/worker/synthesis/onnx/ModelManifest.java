package org.voicequeue.worker.synthesis.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.voicequeue.model.model.ModelInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One model directory's {@code model.json} (GRAPH-CONTRACT.md §7): everything the engine needs, nothing hard-coded. */
record ModelManifest(
        Path dir,
        String id,
        String weights,
        long parameterCount,
        int sampleRate,
        int hopLength,
        int textDim,
        int melDim,
        String tokenizer,
        String vocabFile,
        String melGraph,
        String textEmbedGraph,
        String transformerGraph,
        String vocoderGraph) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final double MAX_REFERENCE_SECONDS = 12.0;

    static ModelManifest read(Path manifestFile) throws IOException {
        return read(manifestFile, true);
    }

    /** {@code preferOptimized} false: the exported graph even when an optimized one exists (parity of both). */
    static ModelManifest read(Path manifestFile, boolean preferOptimized) throws IOException {
        JsonNode m = JSON.readTree(Files.readString(manifestFile));
        Path dir = manifestFile.toAbsolutePath().getParent();
        JsonNode params = m.path("parameter_count");
        long count = 0;
        for (JsonNode n : params) {
            count += n.asLong();
        }
        JsonNode graphs = m.path("graphs");
        return new ModelManifest(
                dir,
                m.path("family").asString(m.path("model").asString("unknown")),
                m.path("source").asString("random"),
                count,
                m.path("sample_rate").asInt(24000),
                m.path("hop_length").asInt(256),
                m.path("text_dim").asInt(),
                m.path("mel_dim").asInt(100),
                m.path("tokenizer").asString("custom"),
                m.path("vocab_file").asString("vocab.txt"),
                graphs.path("mel").path("file").asString("mel.onnx"),
                graphs.path("text_embed").path("file").asString("text_embed.onnx"),
                preferOptimized
                        ? transformerGraph(dir, graphs)
                        : graphs.path("transformer").path("file").asString("transformer.onnx"),
                graphs.path("vocoder").path("file").asString("vocoder.onnx"));
    }

    /**
     * The fused graph written by {@code vq-models optimize} when it is there (same inputs and outputs, ~14 % less CPU
     * per step, weights memory-mapped), else the exported one.
     */
    private static String transformerGraph(Path dir, JsonNode graphs) {
        String optimized = graphs.path("transformer_optimized").path("file").asString("");
        if (!optimized.isEmpty() && Files.isRegularFile(dir.resolve(optimized))) {
            return optimized;
        }
        return graphs.path("transformer").path("file").asString("transformer.onnx");
    }

    ModelInfo info() {
        return new ModelInfo(id, sampleRate, List.of("en", "zh"), MAX_REFERENCE_SECONDS, weights, parameterCount);
    }
}
