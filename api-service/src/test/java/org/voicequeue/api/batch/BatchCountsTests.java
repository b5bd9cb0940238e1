package org.voicequeue.api.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every row of the batch status rule: counts (and whether the client canceled) → status. */
class BatchCountsTests {

    @ParameterizedTest(name = "{0}/{1}/{2}/{3} cancel={4} started={5} -> {6}")
    @CsvSource({
        // total, succeeded, failed, canceled, cancel requested, any started, status
        "3, 0, 0, 0, false, false, queued",
        "3, 0, 0, 0, false, true,  running",
        "3, 1, 0, 0, false, false, running",
        "3, 0, 1, 0, false, false, running",
        "3, 2, 0, 0, true,  true,  running",
        "3, 3, 0, 0, false, true,  succeeded",
        "3, 2, 1, 0, false, true,  partially_failed",
        "3, 1, 0, 2, false, true,  partially_failed",
        "3, 0, 3, 0, false, true,  failed",
        "3, 0, 2, 1, false, true,  failed",
        "3, 0, 0, 3, false, true,  canceled",
        "3, 1, 0, 2, true,  true,  canceled",
        "3, 3, 0, 0, true,  true,  canceled",
        "1, 1, 0, 0, false, false, succeeded",
    })
    void theCountsDecideTheStatus(
            int total,
            int succeeded,
            int failed,
            int canceled,
            boolean cancelRequested,
            boolean started,
            String status) {
        assertThat(new BatchCounts(total, succeeded, failed, canceled, cancelRequested).status(started))
                .isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource({
        "queued, false",
        "running, false",
        "succeeded, true",
        "partially_failed, true",
        "failed, true",
        "canceled, true"
    })
    void onlyTheEndStatusesAreTerminal(String status, boolean terminal) {
        assertThat(BatchCounts.isTerminal(status)).isEqualTo(terminal);
    }
}
