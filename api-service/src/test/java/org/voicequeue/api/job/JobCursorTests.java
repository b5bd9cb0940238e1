package org.voicequeue.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voicequeue.api.system.RequestValidationException;
import org.voicequeue.model.job.JobIds;

class JobCursorTests {

    @Test
    void aCursorSurvivesEncodingAndDecoding() {
        JobCursor cursor = new JobCursor(1_764_000_000_123L, JobIds.newJobId());

        assertThat(JobCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void theEncodedCursorIsUrlSafeAndDoesNotShowTheJobId() {
        JobCursor cursor = new JobCursor(1_764_000_000_123L, JobIds.newJobId());

        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+").doesNotContain(cursor.jobId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"zzz", "!!!", "djE6MTI6am9iX3g", "", "v1:12:job_01ARZ3NDEKTSV4RRFFQ69G5FAV"})
    void aCursorThisApiDidNotIssueIsABadRequestNamingTheCursor(String cursor) {
        assertThatThrownBy(() -> JobCursor.decode(cursor))
                .isInstanceOfSatisfying(
                        RequestValidationException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .extracting("field")
                                .isEqualTo("cursor"));
    }

    @Test
    void aCursorWithAnotherVersionIsRefused() {
        String v2 =
                Base64.getUrlEncoder().encodeToString(("v2:12:" + JobIds.newJobId()).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> JobCursor.decode(v2)).isInstanceOf(RequestValidationException.class);
    }

    @Test
    void olderJobsAndSameMillisecondJobsWithSmallerIdsComeAfterTheCursor() {
        JobCursor cursor = new JobCursor(100, "job_01ARZ3NDEKTSV4RRFFQ69G5FAV");

        assertThat(cursor.isBefore(99, "job_01ARZ3NDEKTSV4RRFFQ69G5FAZ")).isTrue();
        assertThat(cursor.isBefore(100, "job_01ARZ3NDEKTSV4RRFFQ69G5FAA")).isTrue();
        assertThat(cursor.isBefore(100, "job_01ARZ3NDEKTSV4RRFFQ69G5FAV")).isFalse();
        assertThat(cursor.isBefore(100, "job_01ARZ3NDEKTSV4RRFFQ69G5FAZ")).isFalse();
        assertThat(cursor.isBefore(101, "job_01ARZ3NDEKTSV4RRFFQ69G5FAA")).isFalse();
    }
}
