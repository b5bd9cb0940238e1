package org.voicequeue.api.voice;

import org.voicequeue.api.system.ApiException;

/** No voice with this id belongs to the caller. */
public final class VoiceNotFoundException extends ApiException {
    public static final String CODE = "voice_not_found";

    VoiceNotFoundException(String voiceId) {
        super("No voice " + voiceId + " was found.", voiceId);
    }
}
