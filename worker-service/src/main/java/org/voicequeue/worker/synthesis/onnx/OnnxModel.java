package org.voicequeue.worker.synthesis.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
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
    private OrtSession mel;
    private OrtSession textEmbed;
    private OrtSession transformer;
    private OrtSession vocoder;
    private TextTokenizer tokenizer;

    OnnxModel(ModelManifest manifest, OrtRuntime runtime, PinyinConverter converter) {
        this.manifest = manifest;
        this.runtime = runtime;
        this.converter = converter;
    }

    ModelManifest manifest() {
        return manifest;
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

    /** A velocity field over fixed cond and text of one chunk; the constant inputs are re-created per call. */
    VelocityField field(float[] condPad, float[][] text, int frames) {
        int melDim = manifest.melDim();
        int textDim = text[0].length / frames;
        return (x, t) -> {
            try (OnnxTensor xs = floats(x, 1, frames, melDim);
                    OnnxTensor cond = floats(condPad, 1, frames, melDim);
                    OnnxTensor tc = floats(text[0], 1, frames, textDim);
                    OnnxTensor tu = floats(text[1], 1, frames, textDim);
                    OnnxTensor time = floats(new float[] {t}, 1);
                    OrtSession.Result r = transformer.run(
                            Map.of("x", xs, "cond", cond, "text_cond", tc, "text_uncond", tu, "time", time))) {
                return new VelocityField.Velocity(copy(r, "v_cond"), copy(r, "v_uncond"));
            }
        };
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
