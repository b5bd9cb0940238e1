package org.voicequeue.api.job;

import java.util.Optional;

/**
 * Port to stored voices ({@code voice_id}), implemented by the voice feature so that jobs need not depend on it. A
 * job copies the voice's audio key and transcript at submission: deleting the voice later leaves the job intact.
 */
public interface StoredVoices {

    /** What a job takes from a voice. */
    record StoredVoice(String id, String referenceAudioKey, String referenceText) {}

    /** The owner's voice, or empty when it does not exist or belongs to someone else. */
    Optional<StoredVoice> find(String owner, String voiceId);
}
