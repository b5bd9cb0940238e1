package org.voicequeue.worker.job;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;
import org.voicequeue.audio.AudioDecoder;
import org.voicequeue.audio.DecodedAudio;
import org.voicequeue.audio.InvalidAudioException;
import org.voicequeue.model.job.ErrorCodes;
import org.voicequeue.model.job.JobSubmitted;
import org.voicequeue.worker.storage.ReferenceAudioMissingException;
import org.voicequeue.worker.storage.ReferenceAudioStore;
import org.voicequeue.worker.storage.StorageUnavailableException;
import org.voicequeue.worker.synthesis.SpeechSynthesizer;
import org.voicequeue.worker.synthesis.SynthesisException;
import org.voicequeue.worker.synthesis.SynthesisListener;
import org.voicequeue.worker.synthesis.SynthesisRequest;
import org.voicequeue.worker.synthesis.SynthesizedAudio;
import org.voicequeue.worker.system.WorkerProperties;

/**
 * One job's synthesis attempts: fetch the reference audio, decode it, synthesize. Retryable failures (object store or
 * engine trouble) are retried with exponential backoff by Spring's {@link RetryTemplate}, each retry counted in the
 * job's {@code attempts}; permanent ones (bad audio, unknown model) end at once. Every failure leaves here as a
 * {@link SynthesisException} carrying the job's error code.
 */
@Component
class JobAttempts {
    private final ReferenceAudioStore audioStore;
    private final SpeechSynthesizer synthesizer;
    private final RedisJobStore store;
    private final String workerId;
    private final WorkerProperties.Retry retry;

    JobAttempts(
            ReferenceAudioStore audioStore,
            SpeechSynthesizer synthesizer,
            RedisJobStore store,
            WorkerProperties properties) {
        this.audioStore = audioStore;
        this.synthesizer = synthesizer;
        this.store = store;
        this.workerId = properties.worker().id();
        this.retry = properties.retry();
    }

    /**
     * @param attempt the attempt the claim counted (earlier ones may have died with their worker)
     * @throws LeaseLostException the lease moved to another worker between attempts
     */
    SynthesizedAudio synthesize(JobSubmitted job, int attempt, SynthesisListener listener) throws SynthesisException {
        AtomicInteger tries = new AtomicInteger();
        RetryTemplate template = new RetryTemplate(policy(Math.max(0, retry.maxAttempts() - attempt)));
        try {
            return template.execute(() -> {
                if (tries.getAndIncrement() > 0 && store.nextAttempt(job.jobId(), workerId) < 0) {
                    throw new LeaseLostException();
                }
                return attemptOnce(job, listener);
            });
        } catch (RetryException e) {
            Throwable last = e.getLastException() != null ? e.getLastException() : e.getCause();
            if (last instanceof SynthesisException failure && failure.retryable()) {
                throw new SynthesisException(
                        ErrorCodes.RETRIES_EXHAUSTED,
                        "synthesis did not succeed after " + (attempt + tries.get() - 1) + " attempts: "
                                + failure.getMessage(),
                        false,
                        failure);
            }
            if (last instanceof SynthesisException failure) {
                throw failure;
            }
            throw new SynthesisException(ErrorCodes.SYNTHESIS_FAILED, "synthesis failed", false, last);
        }
    }

    private SynthesizedAudio attemptOnce(JobSubmitted job, SynthesisListener listener) throws SynthesisException {
        DecodedAudio reference = referenceAudio(job.referenceAudioKey());
        SynthesisRequest request = new SynthesisRequest(
                job.jobId(), job.model(), reference, job.referenceText(), job.text(), job.params());
        try {
            return synthesizer.synthesize(request, listener);
        } catch (RuntimeException e) {
            // an engine bug or resource trouble; bounded by max attempts, so retrying cannot loop forever
            throw new SynthesisException(ErrorCodes.SYNTHESIS_FAILED, "the synthesis engine failed", true, e);
        }
    }

    private DecodedAudio referenceAudio(String key) throws SynthesisException {
        byte[] bytes;
        try {
            bytes = audioStore.fetch(key);
        } catch (ReferenceAudioMissingException e) {
            throw new SynthesisException(ErrorCodes.REFERENCE_AUDIO_MISSING, "the reference audio is missing", false);
        } catch (StorageUnavailableException e) {
            throw new SynthesisException(ErrorCodes.SERVICE_UNAVAILABLE, "the object store is unavailable", true, e);
        }
        try {
            return AudioDecoder.decode(bytes);
        } catch (InvalidAudioException e) {
            throw new SynthesisException(ErrorCodes.INVALID_AUDIO, e.getMessage(), false);
        }
    }

    private RetryPolicy policy(long maxRetries) {
        return RetryPolicy.builder()
                .maxRetries(maxRetries)
                .delay(retry.initialBackoff())
                .multiplier(retry.multiplier())
                .maxDelay(retry.maxBackoff())
                .predicate(e -> e instanceof SynthesisException failure && failure.retryable())
                .build();
    }

    /** Never retried: the job belongs to another worker now. */
    static final class LeaseLostException extends SynthesisException {
        LeaseLostException() {
            super("lease_lost", "the lease of the job was lost", false);
        }
    }
}
