package org.voicequeue.api.batch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.voicequeue.api.system.VoiceQueueProperties;
import org.voicequeue.audio.InvalidAudioException;
import org.voicequeue.audio.WavJoiner;

/**
 * Joins the items' audio, in item order with {@code pause_ms} of silence between them, into one WAV kept for the
 * result TTL. Runs when every item of a {@code join} batch has succeeded, before the batch's status says so, so a
 * client that sees {@code succeeded} also sees the audio; idempotent, so a redelivered last event may run it again.
 */
@Component
class BatchStitcher {
    private static final Logger log = LoggerFactory.getLogger(BatchStitcher.class);

    private final RedisBatchStore store;
    private final Duration resultTtl;
    private final long maxBytes;

    BatchStitcher(RedisBatchStore store, VoiceQueueProperties properties, BatchProperties batches) {
        this.store = store;
        this.resultTtl = properties.resultTtl();
        this.maxBytes = batches.maxJoinedAudio().toBytes();
    }

    /** @param status the status the batch's counts mean (it may not be stored yet) */
    void stitchIfDue(String batchId, String status) {
        if (!BatchCounts.SUCCEEDED.equals(status)) {
            return;
        }
        Map<String, String> hash = store.hash(batchId);
        if (!"1".equals(hash.get(BatchFields.JOIN)) || BatchRecords.READY.equals(hash.get(BatchFields.AUDIO_STATE))) {
            return;
        }
        List<byte[]> clips = new ArrayList<>();
        long bytes = 0;
        for (String jobId : store.items(batchId)) {
            Optional<byte[]> clip = store.jobAudio(jobId);
            if (clip.isEmpty()) {
                fail(batchId, "the audio of item job " + jobId + " expired before it could be joined");
                return;
            }
            bytes += clip.get().length;
            if (bytes > maxBytes) {
                fail(batchId, "the items' audio is too long to join into one file");
                return;
            }
            clips.add(clip.get());
        }
        int pauseMs = BatchRecords.count(hash, BatchFields.PAUSE_MS);
        try {
            byte[] wav = WavJoiner.joinToWav(clips, Duration.ofMillis(pauseMs));
            int rate =
                    ByteBuffer.wrap(wav, 24, 4).order(ByteOrder.LITTLE_ENDIAN).getInt(); // mono 16-bit PCM
            double seconds = (wav.length - 44) / 2.0 / rate;
            Instant expires = Instant.now().plus(resultTtl);
            store.storeAudio(batchId, wav, resultTtl);
            store.put(
                    batchId,
                    Map.of(
                            BatchFields.AUDIO_STATE,
                            BatchRecords.READY,
                            BatchFields.SAMPLE_RATE,
                            Integer.toString(rate),
                            BatchFields.DURATION_SECONDS,
                            Double.toString(seconds),
                            BatchFields.EXPIRES_AT,
                            expires.toString()));
            log.info("Joined {} items of batch {} ({} s)", clips.size(), batchId, seconds);
        } catch (InvalidAudioException | IllegalArgumentException e) {
            fail(batchId, "the items' audio could not be joined");
        }
    }

    private void fail(String batchId, String reason) {
        log.warn("Batch {}: {}", batchId, reason);
        store.put(batchId, Map.of(BatchFields.AUDIO_STATE, "failed", BatchFields.AUDIO_ERROR, reason));
    }
}
