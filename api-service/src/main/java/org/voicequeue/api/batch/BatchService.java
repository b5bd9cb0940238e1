package org.voicequeue.api.batch;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.voicequeue.api.job.ItemJobs;
import org.voicequeue.api.system.WireJson;
import org.voicequeue.model.job.JobIds;
import org.voicequeue.model.job.JobParams;
import org.voicequeue.model.job.JobStatus;
import org.voicequeue.model.redis.JobFields;

/** Reading, joined audio, canceling and retrying an owner's batches. */
@Service
class BatchService {
    private static final Logger log = LoggerFactory.getLogger(BatchService.class);

    private final RedisBatchStore store;
    private final BatchRecords records;
    private final ItemJobs jobs;
    private final BatchProgress progress;
    private final BatchReleaser releaser;
    private final WireJson json;

    BatchService(
            RedisBatchStore store,
            BatchRecords records,
            ItemJobs jobs,
            BatchProgress progress,
            BatchReleaser releaser,
            WireJson json) {
        this.store = store;
        this.records = records;
        this.jobs = jobs;
        this.progress = progress;
        this.releaser = releaser;
        this.json = json;
    }

    BatchResource get(String batchId, String owner) {
        return records.toResource(hash(batchId, owner));
    }

    byte[] audio(String batchId, String owner) {
        Map<String, String> hash = hash(batchId, owner);
        if (!"1".equals(hash.get(BatchFields.JOIN))) {
            throw new BatchNotJoinedException(batchId, "was not submitted with join=true.");
        }
        if (!BatchCounts.SUCCEEDED.equals(hash.get(BatchFields.STATUS))) {
            throw new BatchNotFinishedException(
                    batchId, "has no joined audio: its status is " + hash.get(BatchFields.STATUS) + ".");
        }
        if (hash.containsKey(BatchFields.AUDIO_ERROR)) {
            throw new BatchNotJoinedException(batchId, "could not be joined: " + hash.get(BatchFields.AUDIO_ERROR));
        }
        if (!BatchRecords.READY.equals(hash.get(BatchFields.AUDIO_STATE))) {
            throw new BatchNotFinishedException(batchId, "is still being joined; retry shortly.");
        }
        return store.audio(batchId).orElseThrow(() -> new BatchAudioExpiredException(batchId));
    }

    /**
     * Cancels what has not ended: queued items at once (counted here, idempotently with their events), running
     * items are asked to stop and are counted when their worker reports. A finished batch is a conflict.
     */
    BatchResource cancel(String batchId, String owner) {
        Map<String, String> hash = hash(batchId, owner);
        if (BatchCounts.isTerminal(hash.getOrDefault(BatchFields.STATUS, ""))) {
            throw new BatchFinishedException(
                    batchId, "is already " + hash.get(BatchFields.STATUS) + " and cannot be canceled.");
        }
        store.requestCancel(batchId);
        Set<String> onKafka = store.inflight(batchId);
        int canceled = 0;
        int stopping = 0;
        for (String jobId : store.items(batchId)) {
            switch (jobs.cancel(jobId, owner, onKafka.contains(jobId))) {
                case CANCELED_NOW -> {
                    canceled++;
                    store.count(batchId, jobId, BatchFields.CANCELED).ifPresent(c -> progress.settle(batchId, c));
                }
                case CANCEL_REQUESTED -> stopping++;
                default -> {}
            }
        }
        log.info("Batch {} canceled: {} items at once, {} running items asked to stop", batchId, canceled, stopping);
        return get(batchId, owner);
    }

    /**
     * Re-queues the failed and canceled items of a finished batch as new jobs in the same slots (a job's end is
     * final: new ids keep each job's history and webhook event ids true). Counts drop by the items re-queued.
     */
    BatchResource retry(String batchId, String owner) {
        Map<String, String> hash = hash(batchId, owner);
        String status = hash.getOrDefault(BatchFields.STATUS, "");
        if (!BatchCounts.isTerminal(status)) {
            releaser.release(batchId, owner); // tops up items an earlier failed retry left waiting
            throw new BatchNotFinishedException(batchId, "is still " + status + "; retry once it has finished.");
        }
        List<String> jobIds = store.items(batchId);
        List<List<@Nullable String>> states = store.itemStates(jobIds);
        List<String[]> replacements = new ArrayList<>();
        Map<String, String> created = new HashMap<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < jobIds.size(); i++) {
            String itemStatus = states.get(i).get(0);
            if (!JobStatus.FAILED.wireName().equals(itemStatus)
                    && !JobStatus.CANCELED.wireName().equals(itemStatus)) {
                continue;
            }
            String newId = copy(jobIds.get(i), owner, batchId, now);
            created.put(newId, jobIds.get(i));
            replacements.add(new String[] {
                Integer.toString(i), jobIds.get(i), newId, BatchProgress.countField(JobStatus.fromWire(itemStatus))
            });
        }
        if (replacements.isEmpty()) {
            throw new BatchFinishedException(batchId, "has no failed or canceled items to retry.");
        }
        List<String> applied = store.retry(batchId, replacements);
        created.keySet().stream().filter(id -> !applied.contains(id)).forEach(id -> jobs.delete(id, owner));
        if (applied.isEmpty()) {
            throw new BatchNotFinishedException(batchId, "changed meanwhile (retried or canceled); read it again.");
        }
        int released = releaser.release(batchId, owner);
        log.info("Batch {}: {} items re-queued, {} released", batchId, applied.size(), released);
        return get(batchId, owner);
    }

    private String copy(String oldJobId, String owner, String batchId, Instant now) {
        Map<String, String> old = jobs.find(oldJobId, owner).orElseThrow(() -> new BatchNotFoundException(batchId));
        String newId = JobIds.newJobId();
        String itemId = old.get(BatchFields.ITEM_ID);
        jobs.create(
                new ItemJobs.NewJob(
                        newId,
                        owner,
                        batchId,
                        old.get(JobFields.MODEL),
                        old.get(JobFields.REFERENCE_AUDIO_KEY),
                        old.get(JobFields.REFERENCE_TEXT),
                        old.get(JobFields.TEXT),
                        json.read(old.get(JobFields.PARAMS), JobParams.class),
                        old.get(JobFields.METADATA),
                        itemId == null ? Map.of() : Map.of(BatchFields.ITEM_ID, itemId)),
                now);
        return newId;
    }

    private Map<String, String> hash(String batchId, String owner) {
        return store.find(batchId, owner).orElseThrow(() -> new BatchNotFoundException(batchId));
    }
}
