package org.voicequeue.api.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import org.voicequeue.api.system.OwnerInterceptor;
import org.voicequeue.model.job.JobIds;

/** {@code GET /v1/jobs/{id}/deliveries}: the webhook attempts of one of the caller's jobs, oldest first. */
@RestController
class DeliveryController {
    private final DeliveryHistory history;

    DeliveryController(DeliveryHistory history) {
        this.history = history;
    }

    @GetMapping("/v1/jobs/{id}/deliveries")
    DeliveryList deliveries(@PathVariable String id, @RequestAttribute(OwnerInterceptor.OWNER) String owner) {
        if (!JobIds.isWellFormed(id)) {
            throw new DeliveriesNotFoundException(id);
        }
        List<DeliveryAttempt> rows = history.findForOwner(id, owner)
                .orElseThrow(() -> new DeliveriesNotFoundException(id));
        return new DeliveryList(id, rows);
    }

    record DeliveryList(@JsonProperty("job_id") String jobId, @JsonProperty("data") List<DeliveryAttempt> data) {}
}
