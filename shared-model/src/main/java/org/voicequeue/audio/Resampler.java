package org.voicequeue.audio;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Band-limited sample-rate conversion: a Kaiser-windowed sinc evaluated as a polyphase filter for the exact rational
 * ratio (22050→24000 is 160/147, 44100→24000 is 80/147). The filter is linear-phase and centred, so the output is
 * not delayed; samples beyond either end count as zero.
 *
 * <p>Design: 64 zero crossings per side and a Kaiser window for 100 dB stopband attenuation, with the cutoff placed so
 * that the transition band ends at the lower rate's Nyquist frequency. Nothing above it aliases into the output
 * (attenuated ≥ 100 dB by design); the passband is flat to about 90 % of that Nyquist frequency (10.9 kHz at
 * 24 kHz). This is sharper than torchaudio's default (Hann, 6 zero crossings, rolloff 0.99) that F5 uses.
 */
public final class Resampler {
    static final int ZERO_CROSSINGS = 64;
    static final double STOPBAND_DB = 100;
    private static final double BETA = 0.1102 * (STOPBAND_DB - 8.7);
    /**
     * Cutoff (-6 dB point) as a fraction of the lower Nyquist frequency, chosen so that the upper half of the Kaiser
     * transition band, (A - 7.95) / (14.36 * window length) wide, ends at Nyquist: about 0.952.
     */
    static final double CUTOFF = 1 / (1 + (STOPBAND_DB - 7.95) / (28.72 * ZERO_CROSSINGS));
    /** Above this many phases (nearly coprime rates) the table is sampled finer and interpolated instead. */
    private static final int MAX_EXACT_PHASES = 2048;

    private static final Map<Long, Filter> FILTERS = new ConcurrentHashMap<>();

    private Resampler() {}

    public static float[] resample(float[] samples, int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + fromRate + " -> " + toRate);
        }
        if (fromRate == toRate) {
            return samples.clone();
        }
        int gcd = gcd(fromRate, toRate);
        int up = toRate / gcd;
        int down = fromRate / gcd;
        long outLength = ((long) samples.length * up + down - 1) / down;
        if (outLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resampled signal too long");
        }
        Filter filter = FILTERS.computeIfAbsent((long) up << 32 | down, key -> Filter.design(up, down));
        return filter.apply(samples, (int) outLength);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** One table row of taps per phase (fractional input position); rows are normalised to unit DC gain. */
    private record Filter(int up, int down, int halfTaps, int phases, float[][] rows) {

        static Filter design(int up, int down) {
            double cutoff = CUTOFF * Math.min(1.0, (double) up / down); // in units of the input Nyquist frequency
            double halfWidth = ZERO_CROSSINGS / cutoff; // in input samples
            int halfTaps = (int) Math.ceil(halfWidth);
            int phases = Math.min(up, MAX_EXACT_PHASES);
            float[][] rows = new float[phases + 1][2 * halfTaps];
            double i0Beta = besselI0(BETA);
            for (int p = 0; p <= phases; p++) {
                double frac = (double) p / phases;
                double sum = 0;
                double[] row = new double[2 * halfTaps];
                for (int j = 0; j < row.length; j++) {
                    double d = frac + halfTaps - 1 - j; // distance from the output instant to input tap j
                    if (Math.abs(d) >= halfWidth) {
                        continue;
                    }
                    double r = d / halfWidth;
                    double window = besselI0(BETA * Math.sqrt(1 - r * r)) / i0Beta;
                    double x = Math.PI * cutoff * d;
                    row[j] = cutoff * (x == 0 ? 1 : Math.sin(x) / x) * window;
                    sum += row[j];
                }
                for (int j = 0; j < row.length; j++) {
                    rows[p][j] = (float) (row[j] / sum);
                }
            }
            return new Filter(up, down, halfTaps, phases, rows);
        }

        float[] apply(float[] in, int outLength) {
            float[] out = new float[outLength];
            int taps = 2 * halfTaps;
            boolean exact = phases == up;
            for (int n = 0; n < outLength; n++) {
                long position = (long) n * down; // in units of 1/up input samples
                int base = (int) (position / up);
                int rem = (int) (position % up);
                int first = base - halfTaps + 1;
                double acc;
                if (exact) {
                    acc = dot(in, first, rows[rem], taps);
                } else {
                    double at = (double) rem * phases / up;
                    int p = (int) at;
                    double w = at - p;
                    acc = (1 - w) * dot(in, first, rows[p], taps) + w * dot(in, first, rows[p + 1], taps);
                }
                out[n] = (float) acc;
            }
            return out;
        }

        private static double dot(float[] in, int first, float[] row, int taps) {
            double acc = 0;
            if (first >= 0 && first + taps <= in.length) {
                for (int j = 0; j < taps; j++) {
                    acc += in[first + j] * row[j];
                }
            } else {
                int from = Math.max(0, -first);
                int to = Math.min(taps, in.length - first);
                for (int j = from; j < to; j++) {
                    acc += in[first + j] * row[j];
                }
            }
            return acc;
        }
    }

    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double half = x / 2;
        for (int k = 1; k < 200; k++) {
            term *= (half / k) * (half / k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
