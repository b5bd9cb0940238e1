package org.voicequeue.worker.audio;

import java.util.Arrays;

/** Mono samples addressed in milliseconds, as pydub's {@code AudioSegment} slices them. Immutable. */
record PcmClip(float[] samples, int rate) {

    static PcmClip empty(int rate) {
        return new PcmClip(new float[0], rate);
    }

    /** pydub: {@code len(seg)} = round(frames / rate * 1000). */
    int lengthMs() {
        return (int) Math.round(samples.length * 1000.0 / rate);
    }

    int frameAt(int ms) {
        return (int) Math.min(samples.length, (long) ms * rate / 1000);
    }

    PcmClip slice(int fromMs, int toMs) {
        return new PcmClip(
                Arrays.copyOfRange(samples, frameAt(fromMs), Math.max(frameAt(fromMs), frameAt(toMs))), rate);
    }

    PcmClip append(PcmClip other) {
        float[] out = Arrays.copyOf(samples, samples.length + other.samples.length);
        System.arraycopy(other.samples, 0, out, samples.length, other.samples.length);
        return new PcmClip(out, rate);
    }

    PcmClip withSilence(int ms) {
        return new PcmClip(Arrays.copyOf(samples, samples.length + (int) ((long) ms * rate / 1000)), rate);
    }

    /** RMS relative to full scale over [fromMs, toMs). */
    double rms(int fromMs, int toMs) {
        int a = frameAt(fromMs);
        int b = frameAt(toMs);
        if (b <= a) {
            return 0;
        }
        double sum = 0;
        for (int i = a; i < b; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / (b - a));
    }

    /** pydub's {@code dBFS}: −infinity for digital silence. */
    double dbfs(int fromMs, int toMs) {
        double rms = rms(fromMs, toMs);
        return rms == 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(rms);
    }
}
