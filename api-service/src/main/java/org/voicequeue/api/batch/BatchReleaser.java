package org.voicequeue.api.batch;

import java.util.UUID;
import org.springframework.stereotype.Component;
import org.voicequeue.api.job.ItemJobs;

/**
 * Keeps at most {@code maxInFlight} items of a batch on the jobs topic: tops the batch up from its pending list when
 * it is created and each time one of its items ends.
 *
 * <p>One releaser at a time per batch (a short Redis lock): the events of one batch arrive on several partitions,
 * and two threads topping up together would publish the same items twice. A thread that finds the lock taken leaves
 * the work to its holder, which looks again after unlocking, so a slot freed meanwhile is never lost. An item is
 * published before it leaves the pending list, so a crash in between publishes it again (harmless: a worker claims
 * a job once) rather than losing it.
 */
@Component
class BatchReleaser {
    private final RedisBatchStore store;
    private final ItemJobs jobs;
    private final int maxInFlight;

    BatchReleaser(RedisBatchStore store, ItemJobs jobs, BatchProperties properties) {
        this.store = store;
        this.jobs = jobs;
        this.maxInFlight = properties.maxInFlight();
    }

    /** @return how many jobs went to Kafka */
    int release(String batchId, String owner) {
        String token = UUID.randomUUID().toString();
        int sent = 0;
        while (store.lockRelease(batchId, token)) {
            try {
                sent += topUp(batchId, owner);
            } finally {
                store.unlockRelease(batchId, token);
            }
            if (freeSlots(batchId) <= 0 || store.pendingHead(batchId, 1).isEmpty()) {
                return sent;
            }
        }
        return sent;
    }

    private int topUp(String batchId, String owner) {
        int sent = 0;
        while (true) {
            var head = store.pendingHead(batchId, freeSlots(batchId));
            if (head.isEmpty()) {
                return sent;
            }
            for (String jobId : head) {
                boolean published = jobs.publish(jobId, owner); // false: canceled meanwhile, nothing to run
                store.released(batchId, jobId, published);
                sent += published ? 1 : 0;
            }
        }
    }

    private long freeSlots(String batchId) {
        return maxInFlight - store.inflightCount(batchId);
    }
}
