package org.voicequeue.api.webhook;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.voicequeue.api.system.RequestValidationException;
import org.voicequeue.model.job.ErrorCodes;
import org.voicequeue.model.job.JobEventType;

/** The {@code callback_events} field: a comma list of {@code started, completed, failed, canceled}. */
public final class CallbackEvents {
    static final String FIELD = "callback_events";
    private static final Set<JobEventType> DEFAULT =
            EnumSet.of(JobEventType.COMPLETED, JobEventType.FAILED, JobEventType.CANCELED);

    private CallbackEvents() {}

    /**
     * Validates what a client sent and returns the canonical form to store (the default when absent).
     *
     * @throws RequestValidationException (field {@code callback_events}) for an unknown event name
     */
    public static String normalize(@Nullable String raw) {
        return format(parse(raw));
    }

    static Set<JobEventType> parse(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return EnumSet.copyOf(DEFAULT);
        }
        Set<JobEventType> events = EnumSet.noneOf(JobEventType.class);
        for (String part : raw.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            try {
                events.add(JobEventType.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw RequestValidationException.of(
                        FIELD,
                        "Unknown event '" + part.trim()
                                + "'; use a comma list of started, completed, failed, canceled.",
                        ErrorCodes.VALIDATION_FAILED);
            }
        }
        return events.isEmpty() ? EnumSet.copyOf(DEFAULT) : events;
    }

    /** Whether a stored {@code callback_events} value includes this event type (absent = the default set). */
    static boolean includes(@Nullable String stored, JobEventType type) {
        try {
            return parse(stored).contains(type);
        } catch (RequestValidationException e) {
            return false; // never written by us; deliver nothing rather than guess
        }
    }

    private static String format(Set<JobEventType> events) {
        return events.stream().map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
    }
}
