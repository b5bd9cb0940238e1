package org.voicequeue.worker.synthesis.onnx;

import ai.onnxruntime.OrtException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.voicequeue.model.job.ErrorCodes;
import org.voicequeue.model.model.ModelInfo;
import org.voicequeue.worker.audio.ReferenceAudio;
import org.voicequeue.worker.synthesis.SpeechSynthesizer;
import org.voicequeue.worker.synthesis.SynthesisException;
import org.voicequeue.worker.synthesis.SynthesisListener;
import org.voicequeue.worker.synthesis.SynthesisRequest;
import org.voicequeue.worker.synthesis.SynthesizedAudio;
import org.voicequeue.worker.text.PinyinConverter;

/**
 * F5-TTS / E2-TTS on ONNX Runtime. Exists even when no model is installed (then every synthesis fails permanently
 * with {@code model_unavailable}); sessions open on a model's first job and stay open until shutdown.
 */
@Component
public class OnnxSpeechSynthesizer implements SpeechSynthesizer, AutoCloseable {
    private final ModelRegistry registry;
    private final OrtRuntime runtime;
    private final PinyinConverter converter = new PinyinConverter();
    private final Map<String, OnnxModel> open = new ConcurrentHashMap<>();
    private final int maxBatchRows;
    private final Duration batchWindow;

    /**
     * @param maxBatchRows {@code voicequeue.batching.max-jobs}: the worker runs that many jobs at once and merges
     *     their transformer steps when their chunks have the same length (1: one job at a time, no batching)
     * @param batchWindow {@code voicequeue.batching.window}: how long a step waits for the others of its batch
     * @param prepacking {@code voicequeue.synthesis.prepacking}: false keeps the weights in the shared page cache
     *     (several workers on one host) for ~6.5 % more CPU per step; see {@link OrtRuntime.SessionTuning}
     */
    @Autowired
    public OnnxSpeechSynthesizer(
            @Value("${voicequeue.models.dir:#{null}}") String modelsDir,
            @Value("${voicequeue.synthesis.provider:cpu}") String provider,
            @Value("${voicequeue.synthesis.threads:0}") int threads,
            @Value("${voicequeue.batching.max-jobs:1}") int maxBatchRows,
            @Value("${voicequeue.batching.window:10ms}") Duration batchWindow,
            @Value("${voicequeue.synthesis.prepacking:true}") boolean prepacking) {
        this(
                ModelRegistry.scan(modelsDir != null ? Path.of(modelsDir) : ModelsDirectory.defaultDir()),
                new OrtRuntime(provider, threads, new OrtRuntime.SessionTuning(false, prepacking)),
                maxBatchRows,
                batchWindow);
    }

    /** One job at a time, no batching. */
    public OnnxSpeechSynthesizer(String modelsDir, String provider, int threads) {
        this(modelsDir, provider, threads, 1, Duration.ZERO, true);
    }

    OnnxSpeechSynthesizer(ModelRegistry registry, OrtRuntime runtime) {
        this(registry, runtime, 1, Duration.ZERO);
    }

    OnnxSpeechSynthesizer(ModelRegistry registry, OrtRuntime runtime, int maxBatchRows, Duration batchWindow) {
        this.registry = registry;
        this.runtime = runtime;
        this.maxBatchRows = maxBatchRows;
        this.batchWindow = batchWindow;
    }

    @Override
    public SynthesizedAudio synthesize(SynthesisRequest request, SynthesisListener listener) throws SynthesisException {
        return synthesize(request, listener, null);
    }

    /** {@code noise} null: seeded from the job's seed, or a random seed. */
    SynthesizedAudio synthesize(SynthesisRequest request, SynthesisListener listener, NoiseSource noise)
            throws SynthesisException {
        if (registry.isEmpty()) {
            throw new SynthesisException(ErrorCodes.MODEL_UNAVAILABLE, "no synthesis model is installed", false);
        }
        ModelManifest manifest = registry.find(request.model())
                .orElseThrow(() -> new SynthesisException(
                        ErrorCodes.UNKNOWN_MODEL, "unknown model '" + request.model() + "'", false));
        try {
            OnnxModel model = open.computeIfAbsent(
                    manifest.id(), id -> new OnnxModel(manifest, runtime, converter, maxBatchRows, batchWindow));
            model.open();
            var audio = request.referenceAudio();
            ReferenceAudio ref =
                    ReferenceAudio.prepare(audio.samples(), audio.sampleRate(), manifest.sampleRate(), true);
            Long seed = request.params().seed();
            NoiseSource source = noise != null
                    ? noise
                    : NoiseSource.seeded(
                            seed != null ? seed : ThreadLocalRandom.current().nextLong());
            float[] wave = F5Pipeline.run(
                            model,
                            model.tokenizer()::encode,
                            ref,
                            request.referenceText(),
                            request.text(),
                            request.params(),
                            source,
                            request.jobId(),
                            listener)
                    .wave();
            return new SynthesizedAudio(wave, manifest.sampleRate());
        } catch (SynthesisException e) {
            throw e;
        } catch (OrtException e) {
            throw new SynthesisException(
                    ErrorCodes.SYNTHESIS_FAILED, "ONNX Runtime failed: " + e.getMessage(), false, e);
        } catch (Exception e) {
            throw new SynthesisException(ErrorCodes.SYNTHESIS_FAILED, "synthesis failed: " + e.getMessage(), false, e);
        }
    }

    /** Cross-job batching figures of an open model; null when batching is off or the model was never used. */
    StepBatcher.Stats batchStats(String modelId) {
        OnnxModel model = open.get(modelId);
        return model == null ? null : model.batchStats();
    }

    @Override
    public List<ModelInfo> installedModels() {
        return registry.all().stream().map(ModelManifest::info).toList();
    }

    @Override
    public String executionProvider() {
        return runtime.provider();
    }

    @Override
    public void close() throws OrtException {
        for (OnnxModel m : open.values()) {
            m.close();
        }
    }
}
