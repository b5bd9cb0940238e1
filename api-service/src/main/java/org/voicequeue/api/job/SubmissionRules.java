package org.voicequeue.api.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.voicequeue.api.storage.ReferenceAudioStore;
import org.voicequeue.api.system.FieldProblem;
import org.voicequeue.api.system.VoiceQueueProperties;
import org.voicequeue.audio.DecodedAudio;
import org.voicequeue.model.job.ErrorCodes;
import org.voicequeue.model.job.JobParams;

/**
 * The rules of a job submission, for the features that build jobs or references of their own (batches, voices), so
 * that a batch item or a stored voice is checked exactly like a single job. Problems are added to the caller's list,
 * with the caller's field names (e.g. {@code items[3].speed}).
 */
@Component
public class SubmissionRules {
    private final SubmissionValidator validator;
    private final ReferenceResolver references;
    private final ReferenceAudioCheck audioCheck;
    private final MetadataCheck metadataCheck;
    private final ReferenceAudioStore audioStore;
    private final Idempotency idempotency;
    private final int maxTextChars;

    SubmissionRules(
            SubmissionValidator validator,
            ReferenceResolver references,
            ReferenceAudioCheck audioCheck,
            MetadataCheck metadataCheck,
            ReferenceAudioStore audioStore,
            Idempotency idempotency,
            VoiceQueueProperties properties) {
        this.validator = validator;
        this.references = references;
        this.audioCheck = audioCheck;
        this.metadataCheck = metadataCheck;
        this.audioStore = audioStore;
        this.idempotency = idempotency;
        this.maxTextChars = properties.limits().maxTextChars();
    }

    /** {@code reference_audio} + {@code reference_text}, or {@code voice_id}. */
    public ResolvedReference reference(
            String owner,
            byte @Nullable [] audio,
            @Nullable String voiceId,
            @Nullable String referenceText,
            List<FieldProblem> problems) {
        return references.resolve(owner, audio, voiceId, referenceText, problems);
    }

    /** Decodes and measures reference audio as for jobs; null after adding a problem. */
    public @Nullable DecodedAudio referenceAudio(byte[] audio, List<FieldProblem> problems) {
        return audioCheck.check(audio, problems);
    }

    /** Stores new reference audio (once per content) or returns the stored voice's key. */
    public String storeReference(ResolvedReference reference) {
        if (reference.storedKey() != null) {
            return reference.storedKey();
        }
        byte[] audio = reference.audio();
        if (audio == null) {
            throw new IllegalArgumentException("no reference audio");
        }
        return audioStore.store(audio, reference.sha256() == null ? Hashing.sha256Hex(audio) : reference.sha256());
    }

    /** Required text to synthesize, at most the job limit (code text_too_long). */
    public String text(String field, @Nullable String value, List<FieldProblem> problems) {
        return SubmissionValidator.required(field, value, maxTextChars, ErrorCodes.TEXT_TOO_LONG, problems);
    }

    public String model(String field, @Nullable String value, List<FieldProblem> problems) {
        return validator.model(field, value, problems);
    }

    /**
     * Parses {@code speed, nfe_steps, cfg_strength, sway_sampling_coef, seed, output_format} from {@code raw} (absent
     * keys take the defaults); problems are named {@code fieldPrefix + name}. Null when any was bad.
     */
    public @Nullable JobParams params(
            Map<String, @Nullable String> raw, String fieldPrefix, List<FieldProblem> problems) {
        var form = new JobSubmissionForm(
                null,
                null,
                null,
                null,
                null,
                raw.get("speed"),
                raw.get("nfe_steps"),
                raw.get("cfg_strength"),
                raw.get("sway_sampling_coef"),
                raw.get("seed"),
                raw.get("output_format"),
                null,
                null,
                null);
        List<FieldProblem> found = new ArrayList<>();
        JobParams params = JobParamsParser.parse(form, found);
        found.forEach(p -> problems.add(new FieldProblem(fieldPrefix + p.field(), p.message(), p.code())));
        return params;
    }

    /** Checks the callback fields as for jobs; the events to store (null without a URL). */
    public @Nullable String callbackEvents(@Nullable String url, @Nullable String events, List<FieldProblem> problems) {
        return validator.callbackEvents(url, events, problems);
    }

    /** A JSON object of limited size; problems named {@code field}. */
    public void metadata(String field, @Nullable String value, List<FieldProblem> problems) {
        List<FieldProblem> found = new ArrayList<>();
        metadataCheck.check(value, found);
        found.forEach(p -> problems.add(new FieldProblem(field, p.message(), p.code())));
    }

    /**
     * Reserves an Idempotency-Key for a new resource id, as job submission does (same Redis records, same 24 h).
     *
     * @return null to go on and create {@code newId}; else the id created by the earlier identical request
     * @throws IdempotencyConflictException when the key was used with a different request
     */
    public @Nullable String reserveIdempotencyKey(
            String owner, @Nullable String key, String fingerprint, String newId) {
        Idempotency.Decision decision = idempotency.reserve(owner, key, fingerprint, newId);
        return decision instanceof Idempotency.Decision.Replay replay ? replay.jobId() : null;
    }

    /** Frees the key after a failed creation, so the client can retry with it. */
    public void releaseIdempotencyKey(String owner, @Nullable String key, String fingerprint, String newId) {
        idempotency.release(owner, key, fingerprint, newId);
    }

    /** The answer when a replayed key's first request has not finished creating its resource. */
    public RuntimeException firstRequestInProgress(String id) {
        return new IdempotencyConflictException(
                "The first request with this Idempotency-Key is still being processed; retry shortly.", id);
    }

    /** Hex SHA-256, for request fingerprints. */
    public static String sha256Hex(byte[] bytes) {
        return Hashing.sha256Hex(bytes);
    }
}
