package org.voicequeue.worker.synthesis;

import java.util.List;
import org.voicequeue.model.model.ModelInfo;

/**
 * The one port in front of the synthesis engine. Implementations are thread-safe; ONNX Runtime stays behind it
 * (only {@code synthesis.onnx} imports {@code ai.onnxruntime}).
 */
public interface SpeechSynthesizer {

    /**
     * Speaks {@code request.text()} in the voice of the reference audio.
     *
     * @throws SynthesisCanceledException when {@code listener.isCanceled()} turned true between steps
     * @throws SynthesisException with {@link SynthesisException#retryable()} deciding whether to retry
     */
    SynthesizedAudio synthesize(SynthesisRequest request, SynthesisListener listener) throws SynthesisException;

    /** Models this worker can serve, as reported in its heartbeat and by {@code GET /v1/models}. */
    List<ModelInfo> installedModels();

    /** Execution provider in use, e.g. {@code CPU} or {@code CUDA:0}. */
    String executionProvider();
}
