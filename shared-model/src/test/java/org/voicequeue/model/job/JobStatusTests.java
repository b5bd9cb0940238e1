package org.voicequeue.model.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicequeue.model.job.JobStatus.CANCELED;
import static org.voicequeue.model.job.JobStatus.FAILED;
import static org.voicequeue.model.job.JobStatus.QUEUED;
import static org.voicequeue.model.job.JobStatus.RUNNING;
import static org.voicequeue.model.job.JobStatus.SUCCEEDED;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobStatusTests {

    private static final Set<String> ALLOWED = Set.of(
            "QUEUED->RUNNING",
            "QUEUED->CANCELED",
            "QUEUED->FAILED",
            "RUNNING->QUEUED",
            "RUNNING->SUCCEEDED",
            "RUNNING->FAILED",
            "RUNNING->CANCELED");

    static Stream<Arguments> everyCell() {
        return Stream.of(JobStatus.values())
                .flatMap(from -> Stream.of(JobStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyCell")
    void transitionIsAllowedExactlyWhenTheTableSaysSo(JobStatus from, JobStatus to) {
        assertThat(from.canTransitionTo(to)).isEqualTo(ALLOWED.contains(from + "->" + to));
    }

    @ParameterizedTest
    @MethodSource("everyCell")
    void terminalStatesHaveNoWayOut(JobStatus from, JobStatus to) {
        if (from.isTerminal()) {
            assertThat(from.canTransitionTo(to)).isFalse();
        }
    }

    @org.junit.jupiter.api.Test
    void onlySucceededFailedAndCanceledAreTerminal() {
        assertThat(Stream.of(JobStatus.values()).filter(JobStatus::isTerminal))
                .containsExactlyInAnyOrder(SUCCEEDED, FAILED, CANCELED);
        assertThat(QUEUED.isTerminal() || RUNNING.isTerminal()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void wireNamesRoundTrip() {
        for (JobStatus s : JobStatus.values()) {
            assertThat(JobStatus.fromWire(s.wireName())).isSameAs(s);
        }
        assertThat(RUNNING.wireName()).isEqualTo("running");
    }
}
