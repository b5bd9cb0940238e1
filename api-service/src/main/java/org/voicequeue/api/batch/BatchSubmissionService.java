package org.voicequeue.api.batch;

import com.github.f4b6a3.ulid.UlidCreator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.voicequeue.api.job.ItemJobs;
import org.voicequeue.api.job.SubmissionRules;
import org.voicequeue.model.job.JobIds;

/**
 * Accepts a batch in the order that leaves nothing half-made: validate everything, reserve the Idempotency-Key,
 * store the reference once, write every item's job and the batch record, then release the first items to Kafka.
 * Any failure removes what was written and answers 503, so no batch or job id is answered that will not run.
 */
@Service
class BatchSubmissionService {
    private static final Logger log = LoggerFactory.getLogger(BatchSubmissionService.class);

    private final BatchValidator validator;
    private final SubmissionRules rules;
    private final ItemJobs jobs;
    private final RedisBatchStore store;
    private final BatchReleaser releaser;
    private final BatchService batches;

    BatchSubmissionService(
            BatchValidator validator,
            SubmissionRules rules,
            ItemJobs jobs,
            RedisBatchStore store,
            BatchReleaser releaser,
            BatchService batches) {
        this.validator = validator;
        this.rules = rules;
        this.jobs = jobs;
        this.store = store;
        this.releaser = releaser;
        this.batches = batches;
    }

    BatchResource submit(String owner, @Nullable String idempotencyKey, BatchForm form) {
        ValidBatch batch = validator.validate(owner, form);
        String fingerprint = form.fingerprint();
        String batchId = "batch_" + UlidCreator.getMonotonicUlid();
        String earlier = rules.reserveIdempotencyKey(owner, idempotencyKey, fingerprint, batchId);
        if (earlier != null) {
            return store.find(earlier, owner)
                    .map(h -> batches.get(earlier, owner))
                    .orElseThrow(() -> rules.firstRequestInProgress(earlier));
        }
        List<String> created = new ArrayList<>();
        try {
            create(batchId, owner, batch, created);
            return batches.get(batchId, owner);
        } catch (RuntimeException e) {
            undo(batchId, owner, created);
            releaseQuietly(owner, idempotencyKey, fingerprint, batchId);
            throw e;
        }
    }

    private void create(String batchId, String owner, ValidBatch batch, List<String> created) {
        String audioKey = rules.storeReference(batch.reference());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (ValidBatch.Item item : batch.items()) {
            String jobId = JobIds.newJobId();
            Map<String, String> extra = item.id() == null ? Map.of() : Map.of(BatchFields.ITEM_ID, item.id());
            jobs.create(
                    new ItemJobs.NewJob(
                            jobId,
                            owner,
                            batchId,
                            item.model(),
                            audioKey,
                            batch.reference().text(),
                            item.text(),
                            item.params(),
                            item.metadata(),
                            extra),
                    now);
            created.add(jobId);
        }
        store.create(batchId, owner, now.toEpochMilli(), created, fields(batchId, owner, batch, now));
        int released = releaser.release(batchId, owner);
        log.info("Queued batch {} for {}: {} items, {} released", batchId, owner, created.size(), released);
    }

    private static Map<String, String> fields(String batchId, String owner, ValidBatch batch, Instant now) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(BatchFields.ID, batchId);
        fields.put(BatchFields.OWNER, owner);
        fields.put(BatchFields.STATUS, BatchCounts.QUEUED);
        fields.put(BatchFields.TOTAL, Integer.toString(batch.items().size()));
        fields.put(BatchFields.SUCCEEDED, "0");
        fields.put(BatchFields.FAILED, "0");
        fields.put(BatchFields.CANCELED, "0");
        fields.put(BatchFields.CREATED_AT, now.toString());
        fields.put(BatchFields.JOIN, batch.join() ? "1" : "0");
        fields.put(BatchFields.PAUSE_MS, Integer.toString(batch.pauseMs()));
        if (batch.callbackUrl() != null && batch.callbackEvents() != null) {
            fields.put(BatchFields.CALLBACK_URL, batch.callbackUrl());
            fields.put(BatchFields.CALLBACK_EVENTS, batch.callbackEvents());
        }
        if (batch.metadata() != null) {
            fields.put(BatchFields.METADATA, batch.metadata());
        }
        return fields;
    }

    /** Jobs already published are removed too: a worker finds no record and drops them. */
    private void undo(String batchId, String owner, List<String> created) {
        try {
            created.forEach(jobId -> jobs.delete(jobId, owner));
            store.delete(batchId, owner);
        } catch (RuntimeException e) {
            log.error("Could not remove the half-made batch {} ({} jobs)", batchId, created.size());
        }
    }

    private void releaseQuietly(String owner, @Nullable String key, String fingerprint, String batchId) {
        try {
            rules.releaseIdempotencyKey(owner, key, fingerprint, batchId);
        } catch (RuntimeException e) {
            log.warn("Could not release Idempotency-Key of batch {}; it expires in 24 h", batchId);
        }
    }
}
