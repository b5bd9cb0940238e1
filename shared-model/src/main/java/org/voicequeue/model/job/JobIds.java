package org.voicequeue.model.job;

import com.github.f4b6a3.ulid.UlidCreator;
import java.util.regex.Pattern;

/** Job ids are {@code job_} + a monotonic ULID: sortable by creation time, opaque to clients. */
public final class JobIds {
    private static final Pattern JOB_ID = Pattern.compile("job_[0-9A-HJKMNP-TV-Z]{26}");

    private JobIds() {}

    public static String newJobId() {
        return "job_" + UlidCreator.getMonotonicUlid();
    }

    public static boolean isWellFormed(String id) {
        return JOB_ID.matcher(id).matches();
    }
}
