package org.voicequeue.api.voice;

import com.github.f4b6a3.ulid.UlidCreator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.voicequeue.api.job.ResolvedReference;
import org.voicequeue.api.job.SubmissionRules;
import org.voicequeue.api.system.FieldProblem;
import org.voicequeue.api.system.RequestValidationException;
import org.voicequeue.api.system.VoiceQueueProperties;
import org.voicequeue.audio.DecodedAudio;
import org.voicequeue.audio.SpeechActivity;

/**
 * Stores a voice once: the reference is checked like a job's (decoded, speech measured) and measured as the engine
 * will use it (clipped at a silence to the model's reference limit), its bytes go to the content-addressed store,
 * and the record to Redis. Jobs and batches then name it by {@code voice_id} instead of uploading the clip again.
 */
@Service
class VoiceService {
    static final int MAX_NAME_CHARS = 100;
    static final int DEFAULT_LIST_LIMIT = 100;
    private static final Logger log = LoggerFactory.getLogger(VoiceService.class);

    private final SubmissionRules rules;
    private final RedisVoiceStore voices;
    private final int maxReferenceTextChars;

    VoiceService(SubmissionRules rules, RedisVoiceStore voices, VoiceQueueProperties properties) {
        this.rules = rules;
        this.voices = voices;
        this.maxReferenceTextChars = properties.limits().maxReferenceTextChars();
    }

    VoiceResource create(
            String owner,
            @Nullable String idempotencyKey,
            byte @Nullable [] audio,
            @Nullable String referenceText,
            @Nullable String name) {
        List<FieldProblem> problems = new ArrayList<>();
        DecodedAudio decoded = null;
        if (audio == null || audio.length == 0) {
            problems.add(FieldProblem.of("reference_audio", "is required"));
        } else {
            decoded = rules.referenceAudio(audio, problems);
        }
        if (referenceText == null || referenceText.isBlank()) {
            problems.add(FieldProblem.of("reference_text", "is required and must not be blank"));
        } else if (referenceText.codePointCount(0, referenceText.length()) > maxReferenceTextChars) {
            problems.add(FieldProblem.of("reference_text", "must be at most " + maxReferenceTextChars + " characters"));
        }
        if (name == null || name.isBlank()) {
            problems.add(FieldProblem.of("name", "is required and must not be blank"));
        } else if (name.codePointCount(0, name.length()) > MAX_NAME_CHARS) {
            problems.add(FieldProblem.of("name", "must be at most " + MAX_NAME_CHARS + " characters"));
        }
        if (!problems.isEmpty() || decoded == null || name == null || referenceText == null) {
            throw new RequestValidationException(problems);
        }
        var reference = new ResolvedReference(audio, SubmissionRules.sha256Hex(audio), null, referenceText);
        String fingerprint = fingerprint(reference, name);
        String id = "voice_" + UlidCreator.getMonotonicUlid();
        String earlier = rules.reserveIdempotencyKey(owner, idempotencyKey, fingerprint, id);
        if (earlier != null) {
            return voices.findRecord(owner, earlier)
                    .map(VoiceService::toResource)
                    .orElseThrow(() -> rules.firstRequestInProgress(earlier));
        }
        try {
            String key = rules.storeReference(reference);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put(RedisVoiceStore.ID, id);
            fields.put(RedisVoiceStore.OWNER, owner);
            fields.put(RedisVoiceStore.NAME, name.trim());
            fields.put(RedisVoiceStore.AUDIO_KEY, key);
            fields.put(RedisVoiceStore.TEXT, reference.text());
            fields.put(RedisVoiceStore.DURATION, Double.toString(engineSeconds(decoded)));
            fields.put(
                    RedisVoiceStore.CREATED_AT,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            voices.create(fields);
            log.info("Stored voice {} for {}", id, owner);
            return toResource(fields);
        } catch (RuntimeException e) {
            rules.releaseIdempotencyKey(owner, idempotencyKey, fingerprint, id);
            throw e;
        }
    }

    VoiceResource get(String owner, String voiceId) {
        return voices.findRecord(owner, voiceId)
                .map(VoiceService::toResource)
                .orElseThrow(() -> new VoiceNotFoundException(voiceId));
    }

    VoiceList list(String owner) {
        return new VoiceList(voices.list(owner, DEFAULT_LIST_LIMIT).stream()
                .map(VoiceService::toResource)
                .toList());
    }

    void delete(String owner, String voiceId) {
        if (!voices.delete(owner, voiceId)) {
            throw new VoiceNotFoundException(voiceId);
        }
        log.info("Deleted voice {} of {}", voiceId, owner);
    }

    /** What F5 hears of the clip: clipped at a silence to its limit, edges trimmed (rounded to milliseconds). */
    static double engineSeconds(DecodedAudio decoded) {
        double seconds = SpeechActivity.prepareReference(decoded, SpeechActivity.F5_MAX_REFERENCE_SECONDS)
                .durationSeconds();
        return Math.round(seconds * 1000) / 1000.0;
    }

    private static String fingerprint(ResolvedReference reference, String name) {
        String request = "voice\u0000" + name + "\u0000" + reference.text() + "\u0000" + reference.sha256();
        return SubmissionRules.sha256Hex(request.getBytes(StandardCharsets.UTF_8));
    }

    static VoiceResource toResource(Map<String, String> hash) {
        return new VoiceResource(
                hash.get(RedisVoiceStore.ID),
                hash.get(RedisVoiceStore.NAME),
                Double.parseDouble(hash.getOrDefault(RedisVoiceStore.DURATION, "0")),
                Instant.parse(hash.get(RedisVoiceStore.CREATED_AT)),
                hash.getOrDefault(RedisVoiceStore.TEXT, ""));
    }
}
