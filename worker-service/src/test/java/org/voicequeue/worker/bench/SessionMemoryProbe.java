package org.voicequeue.worker.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Memory of the engine's four ONNX Runtime sessions alone, phase by phase, without the rest of the engine: a quick
 * A/B of session and run options (system properties {@code vq.ort.*}, see {@link #options}) at the benchmark's
 * shapes (D frames, vocoder at D − refA frames; values random: memory and time do not depend on them).
 *
 * <p>Arguments: {@code modelDir D steps out.json}. Properties: {@code vq.ort.prepacking} (true),
 * {@code vq.ort.memPattern} (true), {@code vq.ort.arena} (true), {@code vq.ort.shrink} (false: run option
 * {@code memory.enable_memory_arena_shrinkage=cpu:0} on every run), {@code vq.ort.direct} (false: inputs from
 * reused direct buffers instead of wrapped heap arrays), {@code vq.ort.threads} (2),
 * {@code vq.transformer} (the transformer graph, relative to modelDir or absolute; transformer.opt.onnx).
 */
public final class SessionMemoryProbe {
    private SessionMemoryProbe() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int frames = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        boolean shrink = Boolean.getBoolean("vq.ort.shrink");
        boolean direct = Boolean.getBoolean("vq.ort.direct");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<String> steptimes = new ArrayList<>();
        try (MemoryProbe memory = new MemoryProbe();
                OrtSession.SessionOptions o = options();
                OrtSession.RunOptions run = new OrtSession.RunOptions()) {
            if (shrink) {
                run.addRunConfigEntry("memory.enable_memory_arena_shrinkage", "cpu:0");
            }
            memory.snapshot("jvm started");
            OrtSession mel = env.createSession(dir.resolve("mel.onnx").toString(), o);
            OrtSession text = env.createSession(dir.resolve("text_embed.onnx").toString(), o);
            OrtSession transformer = env.createSession(
                    dir.resolve(System.getProperty("vq.transformer", "transformer.opt.onnx"))
                            .toString(),
                    o);
            OrtSession vocoder = env.createSession(dir.resolve("vocoder.onnx").toString(), o);
            memory.snapshot("4 sessions open");
            SplittableRandom r = new SplittableRandom(0);
            float[] audio = random(r, 122230, 0.1);
            try (OnnxTensor a = OnnxTensor.createTensor(env, FloatBuffer.wrap(audio), new long[] {1, audio.length});
                    OrtSession.Result ignored = mel.run(Map.of("audio", a), run)) {
                // reference mel, once per request
            }
            long[] ids = new long[frames];
            for (int i = 0; i < frames; i++) {
                ids[i] = i < 300 ? r.nextInt(1, 2000) : -1;
            }
            float[] tc;
            float[] tu;
            try (OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, frames});
                    OrtSession.Result res = text.run(Map.of("text_ids", t), run)) {
                tc = copy((OnnxTensor) res.get("text_cond").get());
                tu = copy((OnnxTensor) res.get("text_uncond").get());
            }
            memory.snapshot("mel + text_embed run");
            int td = tc.length / frames;
            float[] x = random(r, frames * 100, 1);
            float[] cond = random(r, frames * 100, 1);
            FloatBuffer[] reused =
                    direct ? new FloatBuffer[] {directOf(x), directOf(cond), directOf(tc), directOf(tu)} : null;
            for (int k = 0; k < steps; k++) {
                long w0 = System.nanoTime();
                long c0 = EngineBenchmark.processCpuNanos();
                if (direct) {
                    reused[0].rewind();
                    reused[0].put(x).rewind(); // x changes every step; the other three once per chunk
                }
                try (OnnxTensor xs = tensor(env, direct ? reused[0] : FloatBuffer.wrap(x), frames, 100);
                        OnnxTensor cs = tensor(env, direct ? reused[1] : FloatBuffer.wrap(cond), frames, 100);
                        OnnxTensor ts = tensor(env, direct ? reused[2] : FloatBuffer.wrap(tc), frames, td);
                        OnnxTensor us = tensor(env, direct ? reused[3] : FloatBuffer.wrap(tu), frames, td);
                        OnnxTensor time =
                                OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {0.5f}), new long[] {1});
                        OrtSession.Result res = transformer.run(
                                Map.of("x", xs, "cond", cs, "text_cond", ts, "text_uncond", us, "time", time), run)) {
                    float[] vc = copy((OnnxTensor) res.get("v_cond").get());
                    for (int i = 0; i < x.length; i++) {
                        x[i] += 0.1f * vc[i];
                    }
                }
                steptimes.add(String.format(
                        Locale.ROOT,
                        "[%.2f, %.2f]",
                        (System.nanoTime() - w0) / 1e9,
                        (EngineBenchmark.processCpuNanos() - c0) / 1e9));
                memory.snapshot("transformer step " + (k + 1));
            }
            int m = frames - 477;
            float[] melT = random(r, 100 * m, 1);
            try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(melT), new long[] {1, 100, m});
                    OrtSession.Result ignored = vocoder.run(Map.of("mel", in), run)) {
                // the waveform would be copied out here
            }
            memory.snapshot("vocoder run");
            for (OrtSession s : new OrtSession[] {mel, text, transformer, vocoder}) {
                s.close();
            }
            String json = String.format(
                    Locale.ROOT,
                    "{\"props\": \"%s\", \"frames\": %d, \"steps_wall_cpu_s\": [%s], \"memory\": %s}",
                    System.getProperties().entrySet().stream()
                            .filter(e -> e.getKey().toString().startsWith("vq.")
                                    || e.getKey().toString().equals("x"))
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .sorted()
                            .toList(),
                    frames,
                    String.join(", ", steptimes),
                    memory.json());
            Files.writeString(out, json + "\n");
            System.out.println(json);
        }
    }

    /** The engine's session options (OrtRuntime) plus the knobs under test. */
    static OrtSession.SessionOptions options() throws Exception {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(Integer.getInteger("vq.ort.threads", 2));
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        if (!Boolean.parseBoolean(System.getProperty("vq.ort.prepacking", "true"))) {
            o.addConfigEntry("session.disable_prepacking", "1");
        }
        o.setMemoryPatternOptimization(Boolean.parseBoolean(System.getProperty("vq.ort.memPattern", "true")));
        o.setCPUArenaAllocator(Boolean.parseBoolean(System.getProperty("vq.ort.arena", "true")));
        return o;
    }

    private static OnnxTensor tensor(OrtEnvironment env, FloatBuffer b, int frames, int width) throws Exception {
        return OnnxTensor.createTensor(env, b, new long[] {1, frames, width});
    }

    private static FloatBuffer directOf(float[] a) {
        FloatBuffer b = ByteBuffer.allocateDirect(a.length * 4)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        b.put(a).rewind();
        return b;
    }

    private static float[] random(SplittableRandom r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return a;
    }

    private static float[] copy(OnnxTensor t) {
        FloatBuffer b = t.getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }
}
