package org.voicequeue.benchmarks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Deterministic speech-like test clips: per second, 0.7 s of a voiced "syllable" (a harmonic series under 1.2 kHz with
 * 20 ms raised-cosine edges) and 0.3 s of digital silence. Being an analytic function of time, the same clip can be
 * generated at any rate, so a resampled clip can be checked against the clip generated at the target rate.
 */
final class Clips {
    static final double SECONDS = 10;
    static final double VOICED_PER_SECOND = 0.7;
    private static final double RAMP = 0.02;
    private static final int HARMONICS = 8;

    private Clips() {}

    static float[] speechLike(int sampleRate) {
        float[] x = new float[(int) Math.round(SECONDS * sampleRate)];
        for (int n = 0; n < x.length; n++) {
            x[n] = (float) at(n / (double) sampleRate);
        }
        return x;
    }

    /** The clip's value at time {@code t} seconds, in [-0.5, 0.5]. */
    static double at(double t) {
        int syllable = (int) Math.floor(t);
        double local = t - syllable;
        if (local >= VOICED_PER_SECOND) {
            return 0;
        }
        double f0 = 110 + 10 * (syllable % 5);
        double v = 0;
        for (int h = 1; h <= HARMONICS; h++) {
            v += Math.sin(2 * Math.PI * h * f0 * local) / h;
        }
        return 0.5 / 2.72 * v * envelope(local); // 2.72 = sum of 1/h for h ≤ 8, so |value| ≤ 0.5
    }

    private static double envelope(double local) {
        double edge = Math.min(local, VOICED_PER_SECOND - local);
        if (edge >= RAMP) {
            return 1;
        }
        double s = Math.sin(Math.PI / 2 * edge / RAMP);
        return s * s;
    }

    /**
     * Mono 24-bit PCM WAV of {@code samples}: the reader has no bulk path for it, so it exercises the general per-sample
     * decoding loop that 16-bit PCM bypasses.
     */
    static byte[] pcm24Wav(float[] samples, int sampleRate) {
        int dataBytes = samples.length * 3;
        ByteBuffer out = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
        out.put(ascii("fmt "))
                .putInt(16)
                .putShort((short) 1) // PCM
                .putShort((short) 1) // mono
                .putInt(sampleRate)
                .putInt(sampleRate * 3)
                .putShort((short) 3)
                .putShort((short) 24);
        out.put(ascii("data")).putInt(dataBytes);
        for (float sample : samples) {
            int v = (int) Math.round(Math.max(-1, Math.min(1, sample)) * 8_388_607.0);
            out.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
        }
        return out.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
