package org.voicequeue.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.voicequeue.api.system.RequestValidationException;
import org.voicequeue.model.job.JobEventType;

class CallbackEventsTests {

    @Test
    void absentEventsMeanCompletedFailedAndCanceled() {
        assertThat(CallbackEvents.normalize(null)).isEqualTo("completed,failed,canceled");
        assertThat(CallbackEvents.normalize(" ")).isEqualTo("completed,failed,canceled");
        assertThat(CallbackEvents.includes(null, JobEventType.STARTED)).isFalse();
        assertThat(CallbackEvents.includes(null, JobEventType.COMPLETED)).isTrue();
    }

    @Test
    void eventsAreTrimmedCaseInsensitiveAndStoredInCanonicalOrder() {
        assertThat(CallbackEvents.normalize(" Failed , started")).isEqualTo("started,failed");
        assertThat(CallbackEvents.includes("started,failed", JobEventType.STARTED))
                .isTrue();
        assertThat(CallbackEvents.includes("started,failed", JobEventType.COMPLETED))
                .isFalse();
    }

    @Test
    void anUnknownEventIsRefusedOnTheCallbackEventsField() {
        assertThatThrownBy(() -> CallbackEvents.normalize("completed,finished"))
                .isInstanceOfSatisfying(RequestValidationException.class, e -> {
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.field()).isEqualTo("callback_events");
                        assertThat(p.message()).contains("finished");
                    });
                });
    }
}
