package org.voicequeue.worker.storage;

/** Reads the reference audio the API stored for a job. */
public interface ReferenceAudioStore {

    /**
     * @throws ReferenceAudioMissingException the object does not exist (permanent)
     * @throws StorageUnavailableException the store could not be reached (worth a retry)
     */
    byte[] fetch(String key) throws ReferenceAudioMissingException, StorageUnavailableException;
}
