package org.voicequeue.api.job;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SHA-256 hashes of reference clips that passed {@link ReferenceAudioCheck}, most recently used kept. The check
 * depends only on the bytes and this process's limits, so a clip sent again (one voice, many jobs: the usual case)
 * needs no second decode; decoding and measuring it was about a quarter of a submission's request-thread CPU
 * (platform bench, docs/BENCHMARKS-PLATFORM.md).
 */
final class PassedClips {
    private final Map<String, Boolean> hashes;

    PassedClips(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.hashes = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized boolean contains(String sha256) {
        return hashes.get(sha256) != null; // get, not containsKey: a hit counts as use
    }

    synchronized void add(String sha256) {
        hashes.put(sha256, Boolean.TRUE);
    }
}
