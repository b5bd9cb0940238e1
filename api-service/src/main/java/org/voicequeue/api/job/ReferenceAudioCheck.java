package org.voicequeue.api.job;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.voicequeue.api.system.FieldProblem;
import org.voicequeue.api.system.VoiceQueueProperties;
import org.voicequeue.audio.AudioDecoder;
import org.voicequeue.audio.DecodedAudio;
import org.voicequeue.audio.InvalidAudioException;
import org.voicequeue.audio.SpeechActivity;
import org.voicequeue.model.job.ErrorCodes;

/** The reference audio must decode (format detected from content) and hold enough speech to clone a voice. */
@Component
class ReferenceAudioCheck {
    static final String FIELD = "reference_audio";
    /** About 200 bytes each: a few thousand distinct voices cost well under a megabyte. */
    static final int REMEMBERED_CLIPS = 4096;

    private final VoiceQueueProperties.Limits limits;
    private final PassedClips passed = new PassedClips(REMEMBERED_CLIPS);

    ReferenceAudioCheck(VoiceQueueProperties properties) {
        this.limits = properties.limits();
    }

    /**
     * {@link #check} where only the verdict matters (a job's or batch's reference): a clip that passed before, known
     * by its SHA-256, passes again without being decoded.
     *
     * @param sha256 hex SHA-256 of {@code audio}
     */
    boolean passes(byte[] audio, String sha256, List<FieldProblem> problems) {
        if (passed.contains(sha256)) {
            return true;
        }
        if (check(audio, problems) == null) {
            return false;
        }
        passed.add(sha256);
        return true;
    }

    /** The decoded audio when it passed (stored voices measure it), else null after adding a problem. */
    @Nullable
    DecodedAudio check(byte[] audio, List<FieldProblem> problems) {
        if (audio.length > limits.maxReferenceAudioSize().toBytes()) {
            problems.add(
                    problem("must be at most " + limits.maxReferenceAudioSize().toMegabytes() + " MB"));
            return null;
        }
        DecodedAudio decoded;
        try {
            decoded = AudioDecoder.decode(audio);
        } catch (InvalidAudioException e) {
            problems.add(problem(e.getMessage()));
            return null;
        }
        double speech = SpeechActivity.speechSeconds(decoded);
        if (speech < limits.minSpeechSeconds()) {
            problems.add(problem(String.format(
                    Locale.ROOT,
                    "must contain at least %.1f s of speech (found %.2f s)",
                    limits.minSpeechSeconds(),
                    speech)));
            return null;
        }
        return decoded;
    }

    private static FieldProblem problem(String message) {
        return new FieldProblem(FIELD, message, ErrorCodes.INVALID_AUDIO);
    }
}
