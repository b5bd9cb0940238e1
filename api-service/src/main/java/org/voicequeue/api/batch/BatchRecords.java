package org.voicequeue.api.batch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Renders a batch from its hash and its items' job hashes. */
@Component
class BatchRecords {
    static final String READY = "ready";
    private final RedisBatchStore store;

    BatchRecords(RedisBatchStore store) {
        this.store = store;
    }

    BatchResource toResource(Map<String, String> hash) {
        String id = hash.get(BatchFields.ID);
        List<String> jobIds = store.items(id);
        List<List<@Nullable String>> states = store.itemStates(jobIds);
        List<BatchResource.Item> items = new ArrayList<>(jobIds.size());
        for (int i = 0; i < jobIds.size(); i++) {
            String status = states.get(i).get(0);
            items.add(new BatchResource.Item(states.get(i).get(1), jobIds.get(i), status == null ? "unknown" : status));
        }
        boolean join = "1".equals(hash.get(BatchFields.JOIN));
        String status = hash.getOrDefault(BatchFields.STATUS, BatchCounts.QUEUED);
        BatchResource.Result result =
                join && BatchCounts.SUCCEEDED.equals(status) && READY.equals(hash.get(BatchFields.AUDIO_STATE))
                        ? new BatchResource.Result(
                                "/v1/batches/" + id + "/audio",
                                "wav",
                                integer(hash.get(BatchFields.SAMPLE_RATE)),
                                decimal(hash.get(BatchFields.DURATION_SECONDS)),
                                instant(hash.get(BatchFields.EXPIRES_AT)))
                        : null;
        return new BatchResource(
                id,
                status,
                count(hash, BatchFields.TOTAL),
                count(hash, BatchFields.SUCCEEDED),
                count(hash, BatchFields.FAILED),
                count(hash, BatchFields.CANCELED),
                items,
                Instant.parse(hash.get(BatchFields.CREATED_AT)),
                instant(hash.get(BatchFields.COMPLETED_AT)),
                join,
                count(hash, BatchFields.PAUSE_MS),
                result);
    }

    static int count(Map<String, String> hash, String field) {
        String value = hash.get(field);
        return value == null || value.isEmpty() ? 0 : Integer.parseInt(value);
    }

    private static @Nullable Instant instant(@Nullable String value) {
        return value == null || value.isEmpty() ? null : Instant.parse(value);
    }

    private static @Nullable Double decimal(@Nullable String value) {
        return value == null || value.isEmpty() ? null : Double.valueOf(value);
    }

    private static @Nullable Integer integer(@Nullable String value) {
        return value == null || value.isEmpty() ? null : Integer.valueOf(value);
    }
}
