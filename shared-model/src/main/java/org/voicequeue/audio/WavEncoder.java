package org.voicequeue.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes mono 16-bit PCM WAV. */
public final class WavEncoder {
    static final int HEADER_BYTES = 44;

    private WavEncoder() {}

    /** Samples outside [-1, 1] are clipped (NaN becomes silence); values are scaled by 32767 and rounded. */
    public static byte[] encodePcm16(float[] samples, int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        if (samples.length > (Integer.MAX_VALUE - HEADER_BYTES) / 2) {
            throw new IllegalArgumentException("too many samples for one WAV file: " + samples.length);
        }
        int dataBytes = samples.length * 2;
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
        out.put(ascii("fmt "))
                .putInt(16)
                .putShort((short) 1) // PCM
                .putShort((short) 1) // mono
                .putInt(sampleRate)
                .putInt(sampleRate * 2) // bytes per second
                .putShort((short) 2) // block align
                .putShort((short) 16);
        out.put(ascii("data")).putInt(dataBytes);
        for (float sample : samples) {
            out.putShort(toPcm16(sample));
        }
        return out.array();
    }

    static short toPcm16(float sample) {
        if (sample != sample) {
            return 0;
        }
        float clipped = Math.max(-1f, Math.min(1f, sample));
        return (short) Math.round(clipped * 32767f);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
