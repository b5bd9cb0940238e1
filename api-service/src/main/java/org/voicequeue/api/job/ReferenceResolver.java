package org.voicequeue.api.job;

import static org.voicequeue.api.job.JobParamsParser.blankToNull;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.voicequeue.api.system.FieldProblem;
import org.voicequeue.api.system.VoiceQueueProperties;
import org.voicequeue.model.job.ErrorCodes;

/**
 * {@code reference_audio} + {@code reference_text}, or {@code voice_id} (its transcript unless one is given): the
 * same rules for jobs and batches. A voice of another owner is reported exactly like one that does not exist.
 */
@Component
class ReferenceResolver {
    static final String VOICE_NOT_FOUND = "voice_not_found";

    private final ReferenceAudioCheck audioCheck;
    private final StoredVoices voices;
    private final int maxReferenceTextChars;

    ReferenceResolver(ReferenceAudioCheck audioCheck, StoredVoices voices, VoiceQueueProperties properties) {
        this.audioCheck = audioCheck;
        this.voices = voices;
        this.maxReferenceTextChars = properties.limits().maxReferenceTextChars();
    }

    ResolvedReference resolve(
            String owner,
            byte @Nullable [] audio,
            @Nullable String voiceId,
            @Nullable String referenceText,
            List<FieldProblem> problems) {
        String voice = blankToNull(voiceId);
        boolean hasAudio = audio != null && audio.length > 0;
        if (voice == null) {
            @Nullable String sha256 = null;
            if (!hasAudio) {
                problems.add(FieldProblem.of("reference_audio", "is required (or voice_id)"));
            } else {
                // hashed once here: the check, the idempotency fingerprint and the store all use it
                sha256 = Hashing.sha256Hex(audio);
                audioCheck.passes(audio, sha256, problems);
            }
            String text = checkText(referenceText, true, problems);
            return sha256 != null
                    ? new ResolvedReference(audio, sha256, null, text)
                    : new ResolvedReference(null, null, "", text);
        }
        if (hasAudio) {
            problems.add(FieldProblem.of("voice_id", "give reference_audio or voice_id, not both"));
        }
        Optional<StoredVoices.StoredVoice> stored = voices.find(owner, voice);
        if (stored.isEmpty()) {
            problems.add(new FieldProblem("voice_id", "is not a stored voice of this caller", VOICE_NOT_FOUND));
        }
        String text = checkText(referenceText, false, problems);
        return new ResolvedReference(
                null,
                null,
                stored.map(StoredVoices.StoredVoice::referenceAudioKey).orElse(""),
                text.isEmpty()
                        ? stored.map(StoredVoices.StoredVoice::referenceText).orElse("")
                        : text);
    }

    private String checkText(@Nullable String value, boolean required, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(FieldProblem.of("reference_text", "is required and must not be blank"));
            }
            return "";
        }
        if (value.codePointCount(0, value.length()) > maxReferenceTextChars) {
            problems.add(new FieldProblem(
                    "reference_text",
                    "must be at most " + maxReferenceTextChars + " characters",
                    ErrorCodes.VALIDATION_FAILED));
        }
        return value;
    }
}
