package org.voicequeue.api.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.voicequeue.api.webhook.WebhookEnqueuer;

/** When the batch.completed webhook is asked for; the outbox's own once-only rule is covered in its tests. */
class BatchProgressTests {
    private static final String BATCH = "batch_01JZ8Q4V6X2M3N4P5R6S7T8V9W";

    private final RedisBatchStore store = mock(RedisBatchStore.class);
    private final BatchStitcher stitcher = mock(BatchStitcher.class);
    private final BatchWebhooks webhooks = mock(BatchWebhooks.class);
    private final BatchProgress progress = new BatchProgress(store, mock(BatchReleaser.class), stitcher, webhooks);

    @Test
    void theItemThatEndsTheBatchJoinsTheAudioThenCompletesItThenQueuesTheWebhook() {
        when(store.complete(eq(BATCH), eq("succeeded"), anyString())).thenReturn(true);

        progress.settle(BATCH, counts("3", "3", "0", "0", null));

        InOrder order = inOrder(store, stitcher, webhooks);
        order.verify(stitcher).stitchIfDue(BATCH, "succeeded");
        order.verify(store).complete(eq(BATCH), eq("succeeded"), anyString());
        order.verify(webhooks).completedIfEnded(BATCH);
    }

    @Test
    void aRedeliveredLastEventAsksForTheWebhookAgainSoACrashAfterCompletingLosesNothing() {
        when(store.complete(eq(BATCH), anyString(), anyString())).thenReturn(false); // completed before

        progress.settle(BATCH, counts("2", "2", "0", "0", null));

        verify(webhooks).completedIfEnded(BATCH);
    }

    @Test
    void aBatchWithItemsLeftIsOnlyMarkedRunning() {
        progress.settle(BATCH, counts("3", "1", "1", "0", null));

        verify(store).markRunning(BATCH);
        verify(store, never()).complete(anyString(), anyString(), anyString());
        verifyNoInteractions(webhooks, stitcher);
    }

    @Test
    void anEndedBatchIsHandedToTheWebhookWithItsStoredCallbackAndCompletionTime() {
        WebhookEnqueuer enqueuer = mock(WebhookEnqueuer.class);
        var batchWebhooks = new BatchWebhooks(store, mock(BatchRecords.class), enqueuer);
        when(store.hash(BATCH))
                .thenReturn(Map.of(
                        BatchFields.ID,
                        BATCH,
                        BatchFields.STATUS,
                        "failed",
                        BatchFields.COMPLETED_AT,
                        "2026-01-02T03:04:05.678Z",
                        BatchFields.CALLBACK_URL,
                        "https://example.com/hook",
                        BatchFields.CALLBACK_EVENTS,
                        "completed,failed,canceled"));
        when(enqueuer.batchCompleted(anyString(), any(), any(), any(), any())).thenReturn(true);

        assertThat(batchWebhooks.completedIfEnded(BATCH)).isTrue();

        verify(enqueuer)
                .batchCompleted(
                        eq(BATCH),
                        eq("https://example.com/hook"),
                        eq("completed,failed,canceled"),
                        eq(Instant.parse("2026-01-02T03:04:05.678Z")),
                        any(Supplier.class));
    }

    @Test
    void aBatchThatHasNotEndedHasNoWebhook() {
        WebhookEnqueuer enqueuer = mock(WebhookEnqueuer.class);
        var batchWebhooks = new BatchWebhooks(store, mock(BatchRecords.class), enqueuer);
        when(store.hash(BATCH))
                .thenReturn(Map.of(
                        BatchFields.ID,
                        BATCH,
                        BatchFields.STATUS,
                        "running",
                        BatchFields.CALLBACK_URL,
                        "https://example.com/hook"));

        assertThat(batchWebhooks.completedIfEnded(BATCH)).isFalse();

        verifyNoInteractions(enqueuer);
    }

    /** The reply of the COUNT script: total, succeeded, failed, canceled, cancel_requested, status. */
    private static List<String> counts(
            String total, String succeeded, String failed, String canceled, String cancelRequested) {
        return Arrays.asList(total, succeeded, failed, canceled, cancelRequested, "running");
    }
}
