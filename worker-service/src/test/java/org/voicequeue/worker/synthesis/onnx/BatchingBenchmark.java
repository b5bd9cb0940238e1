package org.voicequeue.worker.synthesis.onnx;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.voicequeue.worker.text.PinyinConverter;

/**
 * The throughput side of cross-job batching ({@code scripts/bench-batching.sh}): one transformer run of K rows
 * against K runs of one row, on the same inputs, alternated rep by rep in one process so that both see the same
 * load. Gain = (K · time of one row) / time of K rows, by wall clock and by process CPU time (robust to other work
 * on the machine). Everything else of a job (mel, text embedding, vocoder) is unbatched and not measured here.
 *
 * <p>Arguments: {@code modelsDir model frames threads reps k1,k2,... out.json}.
 */
public final class BatchingBenchmark {

    private BatchingBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path modelsDir = Path.of(args[0]);
        String modelId = args[1];
        int frames = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        int reps = Integer.parseInt(args[4]);
        int[] ks = Arrays.stream(args[5].split(",")).mapToInt(Integer::parseInt).toArray();
        Path out = Path.of(args[6]);

        ModelManifest manifest = ModelRegistry.scan(modelsDir)
                .find(modelId)
                .orElseThrow(() -> new IllegalArgumentException("no model " + modelId + " under " + modelsDir));
        try (OnnxModel model = new OnnxModel(manifest, new OrtRuntime("cpu", threads), new PinyinConverter())) {
            model.open();
            int maxK = Arrays.stream(ks).max().orElse(1);
            List<StepBatcher.Row> rows = rows(model, frames, maxK);
            model.steps(frames, rows.subList(0, 1)); // warm-up of the session at this length
            StringBuilder json = new StringBuilder();
            json.append(String.format(
                    Locale.ROOT,
                    "{\"model\": \"%s\", \"dir\": \"%s\", \"graph\": \"%s\", \"frames\": %d, \"threads\": %d,"
                            + " \"reps\": %d, \"results\": [",
                    modelId,
                    manifest.dir(),
                    manifest.transformerGraph(),
                    frames,
                    threads,
                    reps));
            for (int i = 0; i < ks.length; i++) {
                int k = ks[i];
                double[] single = new double[reps];
                double[] singleCpu = new double[reps];
                double[] batched = new double[reps];
                double[] batchedCpu = new double[reps];
                model.steps(frames, rows.subList(0, k)); // warm-up of this batch size
                for (int r = 0; r < reps; r++) {
                    long w = System.nanoTime();
                    long c = cpuNanos();
                    for (int j = 0; j < k; j++) {
                        model.steps(frames, rows.subList(j, j + 1));
                    }
                    single[r] = (System.nanoTime() - w) / 1e9;
                    singleCpu[r] = (cpuNanos() - c) / 1e9;
                    w = System.nanoTime();
                    c = cpuNanos();
                    model.steps(frames, rows.subList(0, k));
                    batched[r] = (System.nanoTime() - w) / 1e9;
                    batchedCpu[r] = (cpuNanos() - c) / 1e9;
                }
                double gain = median(single) / median(batched);
                double gainCpu = median(singleCpu) / median(batchedCpu);
                System.out.printf(
                        Locale.ROOT,
                        "%s D=%d K=%d: %d runs of 1 row %.3f s (%.3f CPU-s), 1 run of %d rows %.3f s (%.3f CPU-s):"
                                + " throughput gain %.2fx wall, %.2fx CPU%n",
                        modelId,
                        frames,
                        k,
                        k,
                        median(single),
                        median(singleCpu),
                        k,
                        median(batched),
                        median(batchedCpu),
                        gain,
                        gainCpu);
                json.append(String.format(
                        Locale.ROOT,
                        "%s{\"k\": %d, \"k_single_runs_s\": %s, \"k_single_runs_cpu_s\": %s, \"batched_run_s\": %s,"
                                + " \"batched_run_cpu_s\": %s, \"gain_wall\": %.4f, \"gain_cpu\": %.4f}",
                        i == 0 ? "" : ", ",
                        k,
                        Arrays.toString(single),
                        Arrays.toString(singleCpu),
                        Arrays.toString(batched),
                        Arrays.toString(batchedCpu),
                        gain,
                        gainCpu));
            }
            json.append("]}\n");
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, json);
        }
    }

    /** maxK different rows of the same length: random state, the text embedding of real ids, a random cond. */
    private static List<StepBatcher.Row> rows(OnnxModel model, int frames, int maxK) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        int melDim = model.manifest().melDim();
        List<StepBatcher.Row> rows = new ArrayList<>();
        for (int k = 0; k < maxK; k++) {
            long[] ids = new long[frames / 3];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = 1 + random.nextInt(200);
            }
            float[][] text = model.textEmbed(ids, frames);
            float[] x = new float[frames * melDim];
            float[] cond = new float[frames * melDim];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextDouble(-1, 1);
                cond[i] = i < x.length / 3 ? (float) random.nextDouble(-4, 1) : 0f;
            }
            rows.add(new StepBatcher.Row(x, cond, text[0], text[1], (float) random.nextDouble()));
        }
        return rows;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
