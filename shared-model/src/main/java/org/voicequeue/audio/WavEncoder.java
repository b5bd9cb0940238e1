package org.voicequeue.audio;

/** Writes mono 16-bit PCM WAV. */
public final class WavEncoder {
    private WavEncoder() {}

    public static byte[] encodePcm16(float[] samples, int sampleRate) {
        throw new UnsupportedOperationException("TODO(audio helper)");
    }
}
