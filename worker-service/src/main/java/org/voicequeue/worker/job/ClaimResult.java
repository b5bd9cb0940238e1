package org.voicequeue.worker.job;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.voicequeue.model.job.ErrorCodes;
import org.voicequeue.model.job.JobEventType;

/** What the claim script found; see {@code lua/claim.lua}. */
record ClaimResult(
        Kind kind,
        int attempts,
        @Nullable String holder,
        @Nullable JobEventType pendingEvent,
        @Nullable String errorCode) {

    enum Kind {
        /** No job record: nothing to run. */
        MISSING,
        /** Already succeeded, failed or canceled; {@code pendingEvent} is a terminal event not yet published. */
        TERMINAL,
        /** A live worker ({@code holder}) holds the lease. */
        LEASED,
        /** A cancel was requested before it started; the script marked it canceled. */
        CANCELED,
        /** Workers kept dying on it; the script marked it failed. */
        EXHAUSTED,
        /** This worker now holds the lease; {@code attempts} counts this one. */
        CLAIMED
    }

    static ClaimResult parse(List<?> reply) {
        String kind = String.valueOf(reply.get(0));
        return switch (kind) {
            case "missing" -> new ClaimResult(Kind.MISSING, 0, null, null, null);
            case "terminal" -> {
                String pending = String.valueOf(reply.get(2));
                String errorCode = String.valueOf(reply.get(3));
                yield new ClaimResult(
                        Kind.TERMINAL,
                        0,
                        null,
                        pending.isEmpty() ? null : JobEventType.valueOf(pending),
                        errorCode.isEmpty() ? null : errorCode);
            }
            case "leased" -> new ClaimResult(Kind.LEASED, 0, String.valueOf(reply.get(1)), null, null);
            case "canceled" -> new ClaimResult(Kind.CANCELED, 0, null, JobEventType.CANCELED, null);
            case "exhausted" ->
                new ClaimResult(
                        Kind.EXHAUSTED,
                        Integer.parseInt(String.valueOf(reply.get(1))),
                        null,
                        JobEventType.FAILED,
                        ErrorCodes.RETRIES_EXHAUSTED);
            case "claimed" ->
                new ClaimResult(Kind.CLAIMED, Integer.parseInt(String.valueOf(reply.get(1))), null, null, null);
            default -> throw new IllegalStateException("unexpected claim reply " + kind);
        };
    }
}
