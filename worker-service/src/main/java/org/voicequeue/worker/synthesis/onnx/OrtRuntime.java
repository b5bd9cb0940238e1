package org.voicequeue.worker.synthesis.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link OrtEnvironment} and how sessions are made: CPU by default; with provider {@code cuda} the CUDA EP
 * is tried and, if ORT refuses it (no GPU, missing libraries), the worker logs that and stays on CPU.
 * {@code getAvailableProviders()} is not trusted: it lists CUDA for the GPU build even where CUDA cannot start.
 */
final class OrtRuntime {
    private static final Logger log = LoggerFactory.getLogger(OrtRuntime.class);

    /**
     * Session options that trade memory against speed (figures: models/BENCHMARKS.md, "Worker memory").
     *
     * @param memoryPattern ORT's memory-pattern planning. Off by default: after the first run of a shape it asks the
     *     arena for one block holding all planned activations, while the first run's blocks stay in the arena, so
     *     the second step of a request added ~260 MB at D = 1410 (one transformer step's activations twice) with
     *     no measurable speed gain on CPU. The CPU arena itself stays on (off was slower and larger).
     * @param prepacking MLAS pre-packs the MatMul weights at session creation into anonymous memory (on by
     *     default). Off keeps them in the memory-mapped, file-backed weights file (page cache, shared between
     *     worker processes on one host and reclaimable) at the same resident size, for +6.5 % CPU per step.
     */
    record SessionTuning(boolean memoryPattern, boolean prepacking) {
        static final SessionTuning DEFAULT = new SessionTuning(false, true);
    }

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final int threads;
    private final SessionTuning tuning;
    private volatile String provider;

    OrtRuntime(String requestedProvider, int threads) {
        this(requestedProvider, threads, SessionTuning.DEFAULT);
    }

    OrtRuntime(String requestedProvider, int threads, SessionTuning tuning) {
        this.tuning = tuning;
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.provider = "cuda".equalsIgnoreCase(requestedProvider) && cudaLoads() ? "CUDA:0" : "CPU";
        log.info(
                "ONNX Runtime {} on {}, {} intra-op threads (requested provider: {}), {}",
                OrtEnvironment.getEnvironment().getVersion(),
                provider,
                this.threads,
                requestedProvider,
                tuning);
    }

    /** Registering the CUDA EP loads its libraries; that, not the provider list, tells whether CUDA works. */
    private boolean cudaLoads() {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.addCUDA(0);
            return true;
        } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
            log.warn("CUDA execution provider unavailable ({}); using CPU", e.getMessage());
            return false;
        }
    }

    OrtEnvironment env() {
        return env;
    }

    String provider() {
        return provider;
    }

    OrtSession open(Path graph) throws OrtException {
        if (provider.startsWith("CUDA")) {
            try (OrtSession.SessionOptions options = options()) {
                options.addCUDA(0);
                return env.createSession(graph.toString(), options);
            } catch (OrtException e) {
                log.warn("CUDA execution provider unavailable ({}); falling back to CPU", e.getMessage());
                provider = "CPU";
            }
        }
        try (OrtSession.SessionOptions options = options()) {
            return env.createSession(graph.toString(), options);
        }
    }

    private OrtSession.SessionOptions options() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setMemoryPatternOptimization(tuning.memoryPattern());
        if (!tuning.prepacking()) {
            options.addConfigEntry("session.disable_prepacking", "1");
        }
        return options;
    }
}
