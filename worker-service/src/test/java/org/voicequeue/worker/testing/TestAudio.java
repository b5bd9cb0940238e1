package org.voicequeue.worker.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Tiny reference clips written by hand, so tests do not depend on the encoder under test elsewhere. */
public final class TestAudio {
    private TestAudio() {}

    /** Mono 16-bit PCM WAV: a 150 Hz tone. */
    public static byte[] wav(double seconds, int sampleRate) {
        int samples = (int) (seconds * sampleRate);
        ByteBuffer buffer = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        buffer.put("fmt ".getBytes())
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(sampleRate)
                .putInt(sampleRate * 2)
                .putShort((short) 2)
                .putShort((short) 16);
        buffer.put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            buffer.putShort((short) (8000 * Math.sin(2 * Math.PI * 150 * i / sampleRate)));
        }
        return buffer.array();
    }
}
