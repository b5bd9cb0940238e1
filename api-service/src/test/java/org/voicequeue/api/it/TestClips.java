package org.voicequeue.api.it;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reference clips made in code: speech-like voiced bursts, silence, and a too-short tone, as 16-bit PCM WAV. */
final class TestClips {
    static final int RATE = 24_000;

    private TestClips() {}

    /** Syllable-like bursts of a 140 Hz voice with harmonics, 4 per second, about 0.2 of full scale. */
    static byte[] speechLike(double seconds, double pitchHz) {
        int n = (int) (seconds * RATE);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double t = i / (double) RATE;
            double syllable = Math.pow(Math.sin(Math.PI * 4 * t), 2);
            double voice = 0;
            for (int h = 1; h <= 6; h++) {
                voice += Math.sin(2 * Math.PI * pitchHz * h * t) / h;
            }
            x[i] = (float) (0.12 * voice * (0.15 + 0.85 * syllable));
        }
        return wav(x);
    }

    static byte[] silence(double seconds) {
        return wav(new float[(int) (seconds * RATE)]);
    }

    static byte[] tone(double seconds) {
        int n = (int) (seconds * RATE);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / RATE));
        }
        return wav(x);
    }

    static byte[] wav(float[] samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples.length * 2).put("WAVE".getBytes());
        b.put("fmt ".getBytes())
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(RATE)
                .putInt(RATE * 2)
                .putShort((short) 2)
                .putShort((short) 16);
        b.put("data".getBytes()).putInt(samples.length * 2);
        for (float s : samples) {
            b.putShort((short) Math.round(Math.max(-1, Math.min(1, s)) * 32767));
        }
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
