package org.voicequeue.worker.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.voicequeue.audio.AudioDecoder;
import org.voicequeue.audio.DecodedAudio;
import org.voicequeue.model.job.JobParams;
import org.voicequeue.worker.synthesis.SynthesisCanceledException;
import org.voicequeue.worker.synthesis.SynthesisListener;
import org.voicequeue.worker.synthesis.SynthesisRequest;
import org.voicequeue.worker.synthesis.SynthesizedAudio;
import org.voicequeue.worker.synthesis.onnx.OnnxSpeechSynthesizer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Java side of {@code scripts/bench-engine.sh}: the worker's engine through its public API
 * ({@link OnnxSpeechSynthesizer#synthesize}), the request of the Python sides (~5 s reference, same texts).
 *
 * <p>A 2-core CPU needs 7–15 s per transformer step at D ≈ 1400, so whole 8/16/32-step runs do not fit a
 * benchmark: a warm-up request (session open + one step) is cancelled after its first step, then one real request
 * with {@code steps} steps runs to the end. Step latencies come from the engine's progress callbacks (one per
 * step, after the Euler update); everything else of that request (reference prep, mel, tokens, text embedding,
 * vocoder, cross-fade) is its fixed part (estimate in {@code main}).
 * RTF(nfe) = (fixed + nfe · median step) / output seconds.
 *
 * <p>Arguments: {@code modelsDir model threads steps input.json out.json [provider]}; input.json is the request the
 * Python sides wrote ({@code ref_audio}, {@code ref_text}, {@code gen_text}). Prints and writes JSON.
 *
 * <p>Memory: {@code peak_rss_mb} is the JVM's high-water mark when the request ends (what a worker holds);
 * {@code process_peak_rss_mb} also counts the second vocoder session of the direct vocoder timing. {@code memory}
 * has the phases of {@link MemoryProbe} (anonymous vs file-backed, heap, direct buffers, NMT when the JVM runs
 * with {@code -XX:NativeMemoryTracking=summary}).
 */
public final class EngineBenchmark {

    private EngineBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path modelsDir = Path.of(args[0]);
        String model = args[1];
        int threads = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        JsonNode input = JsonMapper.builder().build().readTree(Files.readString(Path.of(args[4])));
        DecodedAudio ref = AudioDecoder.decode(
                Files.readAllBytes(Path.of(input.path("ref_audio").asString())));
        String refText = input.path("ref_text").asString();
        String genText = input.path("gen_text").asString();
        Path out = Path.of(args[5]);
        String provider = args.length > 6 ? args[6] : "cpu";
        int[] nfes = {8, 16, 32};

        long t0 = System.nanoTime();
        try (MemoryProbe memory = new MemoryProbe();
                OnnxSpeechSynthesizer engine = new OnnxSpeechSynthesizer(modelsDir.toString(), provider, threads)) {
            // warm-up: opens the four sessions and runs one step at the benchmark's D, then cancels
            StepClock warm = new StepClock(1);
            try {
                engine.synthesize(request(model, ref, refText, genText, 4), warm);
            } catch (SynthesisCanceledException expected) {
                // the warm-up is meant to stop after its first step
            }
            double warmupSeconds = (System.nanoTime() - t0) / 1e9;
            memory.snapshot("opened + 1 step");

            StepClock clock = new StepClock(Integer.MAX_VALUE);
            long r0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            clock.start(r0);
            SynthesizedAudio audio = engine.synthesize(request(model, ref, refText, genText, steps), clock);
            double total = (System.nanoTime() - r0) / 1e9;
            double totalCpu = (processCpuNanos() - cpu0) / 1e9;
            double outSeconds = audio.samples().length / (double) audio.sampleRate();
            memory.snapshot("after the request");
            // the engine's own peak (what a worker holds): the direct vocoder timing below opens a second vocoder
            // session that a worker does not have
            double enginePeakMb = vmHwmMb();

            List<Double> measured =
                    clock.intervals().subList(1, clock.intervals().size());
            double median = median(measured);
            List<Double> cpu =
                    clock.cpuIntervals().subList(1, clock.cpuIntervals().size());
            double medianCpu = median(cpu);
            List<Double> allCpu = clock.cpuIntervals();
            double tailCpu =
                    totalCpu - allCpu.stream().mapToDouble(Double::doubleValue).sum();
            double fixedCpu = Math.max(0, allCpu.get(0) - min(cpu)) + Math.max(0, tailCpu);
            // fixed part = what the first interval holds besides its step (reference prep, mel, tokens, text
            // embedding; the fastest measured step stands for that step) + what follows the last step (vocoder,
            // cross-fade). Clamped at 0: on a busy machine a step can vary more than the whole fixed part.
            List<Double> all = clock.intervals();
            double tail = total - all.stream().mapToDouble(Double::doubleValue).sum();
            double fixed = Math.max(0, all.get(0) - min(measured)) + Math.max(0, tail);
            double vocoder = vocoderSeconds(modelsDir, model, threads, audio.samples().length / 256 + 1);

            StringBuilder runs = new StringBuilder();
            for (int n : nfes) {
                double s = fixed + n * median;
                double c = fixedCpu + n * medianCpu;
                runs.append(runs.isEmpty() ? "" : ", ")
                        .append(String.format(
                                Locale.ROOT,
                                "\"%d\": {\"seconds\": %.3f, \"rtf\": %.4f, \"cpu_seconds\": %.3f, \"rtf_cpu\": %.4f}",
                                n,
                                s,
                                s / outSeconds,
                                c,
                                c / threads / outSeconds));
            }
            String json = String.format(
                            Locale.ROOT,
                            """
                    {"what": "java", "mode": "composed", "api": "OnnxSpeechSynthesizer.synthesize", \
                    "provider": "%s", "threads": %d, "java_version": "%s", "warmup_request_s": %.3f, \
                    "request_steps": %d, "request_total_s": %.3f, "out_seconds": %.4f, "step_wall_s": %s, \
                    "median_step_s": %.4f, "step_cpu_s": %s, "median_step_cpu_s": %.4f, "fixed_s": %.3f, \
                    "fixed_cpu_s": %.3f, "vocoder_direct_s": %.3f, "runs": {%s}, "peak_rss_mb": %.1f, \
                    "process_peak_rss_mb": %.1f, "jvm_args": "%s", "memory": %s}
                    """,
                            engine.executionProvider(),
                            threads,
                            System.getProperty("java.version"),
                            warmupSeconds,
                            steps,
                            total,
                            outSeconds,
                            measured,
                            median,
                            cpu,
                            medianCpu,
                            fixed,
                            fixedCpu,
                            vocoder,
                            runs,
                            enginePeakMb,
                            vmHwmMb(),
                            String.join(
                                    " ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                            memory.json())
                    .strip();
            Files.writeString(out, json + "\n");
            System.out.println(json);
        }
    }

    private static SynthesisRequest request(String model, DecodedAudio ref, String refText, String text, int nfe) {
        JobParams p = new JobParams(1.0, nfe, 2.0, -1.0, 42L, JobParams.DEFAULT_OUTPUT_FORMAT);
        return new SynthesisRequest("job_bench", model, ref, refText, text, p);
    }

    /** Only for the report: the vocoder alone at the request's M, same session options as the engine. */
    private static double vocoderSeconds(Path modelsDir, String model, int threads, int frames) throws Exception {
        Path graph;
        try (var dirs = Files.list(modelsDir)) {
            graph = dirs.map(d -> d.resolve("vocoder.onnx"))
                    .filter(Files::exists)
                    .findFirst()
                    .orElse(null);
        }
        if (graph == null) {
            return Double.NaN;
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(threads);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession s = env.createSession(graph.toString(), o)) {
                float[] mel = new float[100 * frames];
                SplittableRandom r = new SplittableRandom(0);
                for (int i = 0; i < mel.length; i++) {
                    mel[i] = (float) (r.nextDouble() * 2 - 6);
                }
                double best = Double.MAX_VALUE;
                for (int i = 0; i < 2; i++) {
                    long[] shape = {1, 100, frames};
                    try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(mel), shape)) {
                        long a = System.nanoTime();
                        try (OrtSession.Result ignored = s.run(Map.of("mel", in))) {
                            best = Math.min(best, (System.nanoTime() - a) / 1e9);
                        }
                    }
                }
                return best;
            }
        }
    }

    static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(Double::compare);
        int n = s.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** CPU time of the whole process (ORT's native threads included), as the Python sides measure it. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Peak resident set of this JVM (kernel's high-water mark), MB. */
    static double vmHwmMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** Timestamps of the engine's per-step progress callbacks; cancels after {@code stopAfter} steps. */
    static final class StepClock implements SynthesisListener {
        private final int stopAfter;
        private final List<Double> intervals = new ArrayList<>();
        private final List<Double> cpuIntervals = new ArrayList<>();
        private long last;
        private long lastCpu = processCpuNanos();
        private int calls;

        StepClock(int stopAfter) {
            this.stopAfter = stopAfter;
            this.last = System.nanoTime();
        }

        void start(long nanos) {
            last = nanos;
            lastCpu = processCpuNanos();
        }

        List<Double> cpuIntervals() {
            return cpuIntervals;
        }

        @Override
        public void onProgress(double fraction) {
            long now = System.nanoTime();
            long cpu = processCpuNanos();
            intervals.add((now - last) / 1e9);
            cpuIntervals.add((cpu - lastCpu) / 1e9);
            last = now;
            lastCpu = cpu;
            calls++;
        }

        @Override
        public boolean isCanceled() {
            return calls >= stopAfter;
        }

        List<Double> intervals() {
            return intervals;
        }
    }
}
