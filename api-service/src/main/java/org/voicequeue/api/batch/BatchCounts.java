package org.voicequeue.api.batch;

/**
 * The counts of a batch and the status they mean. Status rules: not all items ended → {@code running} once anything
 * started or ended, else {@code queued}; all ended → {@code canceled} when the client canceled the batch,
 * {@code succeeded} when every item did, {@code failed} (or {@code canceled}) when none did, else
 * {@code partially_failed}.
 */
record BatchCounts(int total, int succeeded, int failed, int canceled, boolean cancelRequested) {
    static final String QUEUED = "queued";
    static final String RUNNING = "running";
    static final String SUCCEEDED = "succeeded";
    static final String PARTIALLY_FAILED = "partially_failed";
    static final String FAILED = "failed";
    static final String CANCELED = "canceled";

    int ended() {
        return succeeded + failed + canceled;
    }

    boolean allEnded() {
        return ended() >= total;
    }

    String status(boolean anyStarted) {
        if (!allEnded()) {
            return anyStarted || ended() > 0 ? RUNNING : QUEUED;
        }
        if (cancelRequested) {
            return CANCELED;
        }
        if (succeeded == total) {
            return SUCCEEDED;
        }
        if (succeeded == 0) {
            return failed > 0 ? FAILED : CANCELED;
        }
        return PARTIALLY_FAILED;
    }

    static boolean isTerminal(String status) {
        return status.equals(SUCCEEDED)
                || status.equals(PARTIALLY_FAILED)
                || status.equals(FAILED)
                || status.equals(CANCELED);
    }
}
