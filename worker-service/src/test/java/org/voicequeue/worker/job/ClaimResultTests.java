package org.voicequeue.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.voicequeue.model.job.JobEventType;
import org.voicequeue.worker.job.ClaimResult.Kind;

class ClaimResultTests {

    @Test
    void everyReplyOfTheClaimScriptIsUnderstood() {
        assertThat(ClaimResult.parse(List.of("missing")).kind()).isEqualTo(Kind.MISSING);
        assertThat(ClaimResult.parse(List.of("leased", "w1")).holder()).isEqualTo("w1");
        assertThat(ClaimResult.parse(List.of("claimed", "2")).attempts()).isEqualTo(2);
        assertThat(ClaimResult.parse(List.of("canceled")).pendingEvent()).isEqualTo(JobEventType.CANCELED);
        ClaimResult exhausted = ClaimResult.parse(List.of("exhausted", "3"));
        assertThat(exhausted.pendingEvent()).isEqualTo(JobEventType.FAILED);
        assertThat(exhausted.errorCode()).isEqualTo("retries_exhausted");
    }

    @Test
    void aTerminalReplyCarriesItsUnpublishedEventIfAny() {
        ClaimResult clean = ClaimResult.parse(List.of("terminal", "succeeded", "", ""));
        ClaimResult pending = ClaimResult.parse(List.of("terminal", "failed", "FAILED", "invalid_audio"));

        assertThat(clean.pendingEvent()).isNull();
        assertThat(pending.pendingEvent()).isEqualTo(JobEventType.FAILED);
        assertThat(pending.errorCode()).isEqualTo("invalid_audio");
    }

    @Test
    void anUnknownReplyIsAnError() {
        assertThatIllegalStateException().isThrownBy(() -> ClaimResult.parse(List.of("maybe")));
    }
}
