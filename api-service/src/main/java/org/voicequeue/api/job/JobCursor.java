package org.voicequeue.api.job;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.voicequeue.api.system.FieldProblem;
import org.voicequeue.api.system.RequestValidationException;
import org.voicequeue.model.job.JobIds;

/**
 * Position in an owner's job list: the last job returned, with its score (creation millis). Opaque to clients
 * (base64url); the job id breaks ties between jobs created in the same millisecond.
 */
record JobCursor(long createdMillis, String jobId) {
    private static final String VERSION = "v1";

    String encode() {
        String plain = VERSION + ":" + createdMillis + ":" + jobId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static JobCursor decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = plain.split(":", 3);
            if (parts.length == 3 && parts[0].equals(VERSION) && JobIds.isWellFormed(parts[2])) {
                return new JobCursor(Long.parseLong(parts[1]), parts[2]);
            }
        } catch (IllegalArgumentException e) {
            // not base64 or not a number: reported below
        }
        throw new RequestValidationException(List.of(FieldProblem.of("cursor", "is not a cursor this API returned")));
    }

    /** True when a job at (millis, id) comes after this cursor in newest-first order. */
    boolean isBefore(long millis, String id) {
        return millis < createdMillis || (millis == createdMillis && id.compareTo(jobId) < 0);
    }
}
