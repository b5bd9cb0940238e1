package org.voicequeue.api.job;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.voicequeue.api.system.FieldProblem;
import org.voicequeue.api.system.RequestValidationException;

/**
 * Idempotency-Key handling for submissions. A key is reserved (atomically) with the request's fingerprint and the
 * job id it will create, before anything is created; a replay with the same fingerprint gets that job back, a
 * different request with the same key is a conflict, and a failed submission releases the key.
 */
@Component
class Idempotency {
    static final Duration TTL = Duration.ofHours(24);
    static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 255;

    /** What to do with a submission. */
    sealed interface Decision {
        /** Go on and create {@code jobId}; call {@link #release} if that fails. */
        record Create(String jobId) implements Decision {}

        /** The same request was accepted before: answer with this job. */
        record Replay(String jobId) implements Decision {}
    }

    private final IdempotencyRecords records;

    Idempotency(IdempotencyRecords records) {
        this.records = records;
    }

    Decision reserve(String owner, @Nullable String key, String fingerprint, String newJobId) {
        if (key == null) {
            return new Decision.Create(newJobId);
        }
        checkKey(key);
        Optional<String> existing = records.putIfAbsent(owner, key, value(fingerprint, newJobId), TTL);
        if (existing.isEmpty()) {
            return new Decision.Create(newJobId);
        }
        String[] parts = existing.get().split(" ", 2);
        if (parts.length == 2 && parts[0].equals(fingerprint)) {
            return new Decision.Replay(parts[1]);
        }
        throw new IdempotencyConflictException(
                "Idempotency-Key was already used with a different request.", parts.length == 2 ? parts[1] : "");
    }

    void release(String owner, @Nullable String key, String fingerprint, String jobId) {
        if (key != null) {
            records.removeIfEquals(owner, key, value(fingerprint, jobId));
        }
    }

    private static String value(String fingerprint, String jobId) {
        return fingerprint + " " + jobId;
    }

    private static void checkKey(String key) {
        boolean printable = key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !printable) {
            throw new RequestValidationException(
                    List.of(FieldProblem.of(HEADER, "must be 1-255 printable ASCII characters without spaces")));
        }
    }
}
