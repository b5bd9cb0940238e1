package org.voicequeue.api.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import org.voicequeue.api.system.OwnerInterceptor;
import org.voicequeue.api.system.ProblemResponses;
import org.voicequeue.model.job.JobIds;

/**
 * {@code GET /v1/jobs/{id}/deliveries} and {@code GET /v1/batches/{id}/deliveries}: the webhook attempts of one of
 * the caller's jobs or batches, oldest first, in the same row format.
 */
@RestController
@Tag(name = "Webhooks")
class DeliveryController {
    /** {@code batch_} + a ULID, as the batch feature makes them. */
    private static final Pattern BATCH_ID = Pattern.compile(WebhookKeys.BATCH_ID_PREFIX + "[0-9A-HJKMNP-TV-Z]{26}");

    private final DeliveryHistory history;

    DeliveryController(DeliveryHistory history) {
        this.history = history;
    }

    @GetMapping("/v1/jobs/{id}/deliveries")
    @Operation(
            summary = "List the webhook delivery attempts of a job",
            description = "One row per attempt, oldest first; a delivery waiting for its next attempt is one pending "
                    + "row with next_attempt_at.")
    @ApiResponse(responseCode = "200", description = "the attempts")
    @ProblemResponses.Common
    @ProblemResponses.NotFound
    DeliveryList deliveries(
            @PathVariable String id, @Parameter(hidden = true) @RequestAttribute(OwnerInterceptor.OWNER) String owner) {
        if (!JobIds.isWellFormed(id)) {
            throw new DeliveriesNotFoundException(id);
        }
        List<DeliveryAttempt> rows =
                history.findForOwner(id, owner).orElseThrow(() -> new DeliveriesNotFoundException(id));
        return new DeliveryList(id, rows);
    }

    @GetMapping("/v1/batches/{id}/deliveries")
    @Operation(
            summary = "List the batch.completed delivery attempts of a batch",
            description = "Rows as for a job's deliveries. The batch's items have no webhooks of their own.")
    @ApiResponse(responseCode = "200", description = "the attempts")
    @ProblemResponses.Common
    @ProblemResponses.NotFound
    BatchDeliveryList batchDeliveries(
            @PathVariable String id, @Parameter(hidden = true) @RequestAttribute(OwnerInterceptor.OWNER) String owner) {
        if (!BATCH_ID.matcher(id).matches()) {
            throw new BatchDeliveriesNotFoundException(id);
        }
        List<DeliveryAttempt> rows =
                history.findForOwner(id, owner).orElseThrow(() -> new BatchDeliveriesNotFoundException(id));
        return new BatchDeliveryList(id, rows);
    }

    record DeliveryList(
            @JsonProperty("job_id") String jobId,
            @JsonProperty("data") List<DeliveryAttempt> data) {}

    record BatchDeliveryList(
            @JsonProperty("batch_id") String batchId,
            @JsonProperty("data") List<DeliveryAttempt> data) {}
}
