package org.voicequeue.api.storage;

/**
 * Where reference audio lives while jobs wait for it. Keys are content-addressed ({@code reference-audio/sha256/<hex>})
 * so the same bytes are stored once, whoever sends them and however often.
 */
public interface ReferenceAudioStore {

    /**
     * Stores the bytes unless an object with their hash already exists.
     *
     * @param sha256Hex lower-case hex SHA-256 of {@code audio}
     * @return the object key the worker reads
     * @throws ReferenceAudioStoreException when the store cannot be reached or refuses
     */
    String store(byte[] audio, String sha256Hex);

    /** True when the bucket exists and answers; for health checks. */
    boolean isAvailable();

    static String keyFor(String sha256Hex) {
        return "reference-audio/sha256/" + sha256Hex;
    }
}
