package org.voicequeue.audio;

/** Measures how much of a clip is speech rather than silence. */
public final class SpeechActivity {
    private SpeechActivity() {}

    /** Seconds of the clip whose short-time energy is above the silence threshold. */
    public static double speechSeconds(DecodedAudio audio) {
        throw new UnsupportedOperationException("TODO(audio helper)");
    }
}
