package org.voicequeue.worker.synthesis.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.voicequeue.worker.text.PinyinConverter;
import org.voicequeue.worker.text.TextTokenizer;

/**
 * One model's four graphs (GRAPH-CONTRACT.md §2), opened on first use and shared by all threads ({@code run} is
 * thread-safe). Every tensor and result is closed before a method returns; outputs are copied to Java arrays.
 */
final class OnnxModel implements AutoCloseable {
    private final ModelManifest manifest;
    private final OrtRuntime runtime;
    private final PinyinConverter converter;
    private final StepBatcher batcher;
    private OrtSession mel;
    private OrtSession textEmbed;
    private OrtSession transformer;
    private OrtSession vocoder;
    private TextTokenizer tokenizer;

    OnnxModel(ModelManifest manifest, OrtRuntime runtime, PinyinConverter converter) {
        this(manifest, runtime, converter, 1, Duration.ZERO);
    }

    /**
     * @param maxBatchRows more than 1: concurrent jobs' steps of equal length run as one batch of up to this many rows
     * @param batchWindow how long a step waits for the other members of its group
     */
    OnnxModel(
            ModelManifest manifest,
            OrtRuntime runtime,
            PinyinConverter converter,
            int maxBatchRows,
            Duration batchWindow) {
        this.manifest = manifest;
        this.runtime = runtime;
        this.converter = converter;
        this.batcher = maxBatchRows > 1 ? new StepBatcher(this::steps, maxBatchRows, batchWindow) : null;
    }

    ModelManifest manifest() {
        return manifest;
    }

    /** Null when batching is off. */
    StepBatcher.Stats batchStats() {
        return batcher == null ? null : batcher.stats();
    }

    /** Opens the sessions and the vocabulary once; later calls return at once. */
    synchronized void open() throws OrtException, IOException {
        if (vocoder != null) {
            return;
        }
        tokenizer = TextTokenizer.load(manifest.tokenizer(), manifest.dir().resolve(manifest.vocabFile()), converter);
        mel = runtime.open(manifest.dir().resolve(manifest.melGraph()));
        textEmbed = runtime.open(manifest.dir().resolve(manifest.textEmbedGraph()));
        transformer = runtime.open(manifest.dir().resolve(manifest.transformerGraph()));
        vocoder = runtime.open(manifest.dir().resolve(manifest.vocoderGraph()));
    }

    synchronized TextTokenizer tokenizer() {
        return tokenizer;
    }

    /** [S] samples → [F, 100] log-mel, frames-major. */
    float[] mel(float[] audio) throws OrtException {
        try (OnnxTensor in = floats(audio, 1, audio.length);
                OrtSession.Result r = mel.run(Map.of("audio", in))) {
            return copy(r, "mel");
        }
    }

    /** ids padded with −1 to D → {text_cond, text_uncond}, each [D, textDim]. */
    float[][] textEmbed(long[] ids, int frames) throws OrtException {
        long[] padded = new long[frames];
        for (int i = 0; i < frames; i++) {
            padded[i] = i < ids.length ? ids[i] : -1;
        }
        try (OnnxTensor in = OnnxTensor.createTensor(runtime.env(), LongBuffer.wrap(padded), new long[] {1, frames});
                OrtSession.Result r = textEmbed.run(Map.of("text_ids", in))) {
            return new float[][] {copy(r, "text_cond"), copy(r, "text_uncond")};
        }
    }

    /** A velocity field over fixed cond and text of one chunk; close it when the chunk's solve ends. */
    VelocityField field(float[] condPad, float[][] text, int frames) {
        if (batcher == null) {
            return new ChunkField(condPad, text, frames);
        }
        StepBatcher.Member member = batcher.join(frames);
        return new VelocityField() {
            @Override
            public Velocity at(float[] x, float t) throws Exception {
                return member.step(new StepBatcher.Row(x, condPad, text[0], text[1], t));
            }

            @Override
            public void close() {
                member.close();
            }
        };
    }

    /**
     * One chunk's steps without batching. The inputs that stay fixed for the whole chunk (cond, both text
     * embeddings) become native tensors once, and x is refilled into one direct buffer per step: ORT copies a heap
     * array into a fresh native buffer on every call, which was 4 copies (6.9 MB at D = 1410) and as much garbage per
     * step; now it is the one copy of x (0.56 MB).
     */
    private final class ChunkField implements VelocityField {
        private final int frames;
        private final FloatBuffer x;
        private final OnnxTensor cond;
        private final OnnxTensor textCond;
        private final OnnxTensor textUncond;

        ChunkField(float[] condPad, float[][] text, int frames) {
            this.frames = frames;
            int melDim = manifest.melDim();
            int textDim = text[0].length / frames;
            this.x = direct(frames * melDim);
            try {
                this.cond = OnnxTensor.createTensor(runtime.env(), filled(condPad), new long[] {1, frames, melDim});
                this.textCond =
                        OnnxTensor.createTensor(runtime.env(), filled(text[0]), new long[] {1, frames, textDim});
                this.textUncond =
                        OnnxTensor.createTensor(runtime.env(), filled(text[1]), new long[] {1, frames, textDim});
            } catch (OrtException e) {
                close();
                throw new IllegalStateException("cannot create the chunk's input tensors", e);
            }
        }

        @Override
        public Velocity at(float[] state, float t) throws OrtException {
            x.clear();
            x.put(state).flip();
            try (OnnxTensor xs = OnnxTensor.createTensor(runtime.env(), x, new long[] {1, frames, manifest.melDim()});
                    OnnxTensor time = floats(new float[] {t}, 1);
                    OrtSession.Result r = transformer.run(Map.of(
                            "x", xs, "cond", cond, "text_cond", textCond, "text_uncond", textUncond, "time", time))) {
                return new Velocity(copy(r, "v_cond"), copy(r, "v_uncond"));
            }
        }

        @Override
        public void close() {
            for (OnnxTensor tensor : new OnnxTensor[] {cond, textCond, textUncond}) {
                if (tensor != null) {
                    tensor.close();
                }
            }
        }

        private static FloatBuffer direct(int floats) {
            return ByteBuffer.allocateDirect(floats * Float.BYTES)
                    .order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
        }

        private static FloatBuffer filled(float[] values) {
            FloatBuffer buffer = direct(values.length);
            buffer.put(values).flip();
            return buffer;
        }
    }

    /**
     * One transformer run over rows of equal frame count, stacked along the batch axis (a single row is passed
     * through without stacking). Each row keeps its own {@code time}: rows are independent in the graph.
     */
    List<VelocityField.Velocity> steps(int frames, List<StepBatcher.Row> rows) throws OrtException {
        int b = rows.size();
        int melDim = manifest.melDim();
        int textDim = rows.get(0).textCond().length / frames;
        float[] time = new float[b];
        for (int i = 0; i < b; i++) {
            time[i] = rows.get(i).time();
        }
        try (OnnxTensor xs = floats(stack(rows, StepBatcher.Row::x), b, frames, melDim);
                OnnxTensor cond = floats(stack(rows, StepBatcher.Row::cond), b, frames, melDim);
                OnnxTensor tc = floats(stack(rows, StepBatcher.Row::textCond), b, frames, textDim);
                OnnxTensor tu = floats(stack(rows, StepBatcher.Row::textUncond), b, frames, textDim);
                OnnxTensor ts = floats(time, b);
                OrtSession.Result r = transformer.run(
                        Map.of("x", xs, "cond", cond, "text_cond", tc, "text_uncond", tu, "time", ts))) {
            float[] vc = copy(r, "v_cond");
            float[] vu = copy(r, "v_uncond");
            if (b == 1) {
                return List.of(new VelocityField.Velocity(vc, vu));
            }
            int rowLength = frames * melDim;
            List<VelocityField.Velocity> out = new ArrayList<>(b);
            for (int i = 0; i < b; i++) {
                out.add(new VelocityField.Velocity(
                        java.util.Arrays.copyOfRange(vc, i * rowLength, (i + 1) * rowLength),
                        java.util.Arrays.copyOfRange(vu, i * rowLength, (i + 1) * rowLength)));
            }
            return out;
        }
    }

    private static float[] stack(
            List<StepBatcher.Row> rows, java.util.function.Function<StepBatcher.Row, float[]> part) {
        if (rows.size() == 1) {
            return part.apply(rows.get(0));
        }
        int length = part.apply(rows.get(0)).length;
        float[] out = new float[rows.size() * length];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(part.apply(rows.get(i)), 0, out, i * length, length);
        }
        return out;
    }

    /** [100, M] channels-major mel → waveform of (M − 1)·256 samples. */
    float[] vocode(float[] melChannelsMajor, int frames) throws OrtException {
        try (OnnxTensor in = floats(melChannelsMajor, 1, manifest.melDim(), frames);
                OrtSession.Result r = vocoder.run(Map.of("mel", in))) {
            return copy(r, "waveform");
        }
    }

    private OnnxTensor floats(float[] data, long... shape) throws OrtException {
        return OnnxTensor.createTensor(runtime.env(), FloatBuffer.wrap(data), shape);
    }

    private static float[] copy(OrtSession.Result r, String name) throws OrtException {
        OnnxTensor t = (OnnxTensor) r.get(name).orElseThrow(() -> new OrtException("graph has no output " + name));
        FloatBuffer b = t.getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    @Override
    public synchronized void close() throws OrtException {
        for (OrtSession s : new OrtSession[] {mel, textEmbed, transformer, vocoder}) {
            if (s != null) {
                s.close();
            }
        }
    }
}
