package org.voicequeue.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The committed audio fixtures (see src/test/resources/audio/README.md) and synthetic signals. */
final class Fixtures {
    private Fixtures() {}

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/audio/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DecodedAudio decoded(String name) {
        try {
            return AudioDecoder.decode(bytes(name));
        } catch (InvalidAudioException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    static float[] sine(double hz, int rate, double seconds, double amplitude) {
        float[] x = new float[(int) Math.round(rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    static float peak(float[] x) {
        float peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        return peak;
    }

    static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    /** 10·log10(signal energy / error energy) of {@code actual} against {@code expected}, over [from, to). */
    static double snrDb(float[] expected, float[] actual, int from, int to) {
        double signal = 0;
        double error = 0;
        for (int i = from; i < to; i++) {
            signal += (double) expected[i] * expected[i];
            double d = actual[i] - expected[i];
            error += d * d;
        }
        return 10 * Math.log10(signal / error);
    }
}
