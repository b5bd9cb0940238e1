package org.voicequeue.system.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/**
 * Speech-like test clips: a voiced harmonic tone with a syllable-rate envelope and a little noise, well above the
 * API's silence threshold, so the whole clip counts as speech. A different seed gives different bytes (and so a
 * different S3 object).
 */
final class Clips {
    private Clips() {}

    static byte[] wav(double seconds, int rate, long seed) {
        int n = (int) Math.round(seconds * rate);
        Random random = new Random(seed);
        double f0 = 110 + random.nextInt(60);
        ByteBuffer pcm = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double envelope = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
            double voiced = 0;
            for (int h = 1; h <= 5; h++) {
                voiced += Math.sin(2 * Math.PI * f0 * h * t) / h;
            }
            double x = 0.25 * envelope * voiced + 0.01 * random.nextGaussian();
            pcm.putShort((short) Math.max(-32768, Math.min(32767, Math.round(x * 32767))));
        }
        ByteBuffer wav = ByteBuffer.allocate(44 + n * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + n * 2).put("WAVE".getBytes());
        wav.put("fmt ".getBytes())
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(rate)
                .putInt(rate * 2)
                .putShort((short) 2)
                .putShort((short) 16);
        wav.put("data".getBytes()).putInt(n * 2).put(pcm.array());
        return wav.array();
    }
}
