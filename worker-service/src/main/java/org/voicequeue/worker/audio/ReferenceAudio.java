package org.voicequeue.worker.audio;

import org.voicequeue.audio.Resampler;

/**
 * A reference ready for the mel extractor: cleaned, boosted to the target RMS when quieter, at the model rate.
 *
 * @param samples normalised mono samples at {@code sampleRate}
 * @param seconds duration of the cleaned clip before normalisation (drives the chunk size)
 * @param rms RMS of the cleaned clip before the boost
 * @param gain factor applied ({@code 1} when the clip was loud enough); the output is divided by it
 */
public record ReferenceAudio(float[] samples, int sampleRate, double seconds, double rms, double gain) {

    public static final double TARGET_RMS = 0.1;

    /** Official order: clean at the source rate, measure RMS, boost, then resample ({@code infer_batch_process}). */
    public static ReferenceAudio prepare(float[] mono, int sourceRate, int modelRate, boolean clean) {
        float[] cleaned = clean ? SilenceClipper.clean(mono, sourceRate) : mono;
        return normalise(cleaned, sourceRate, modelRate);
    }

    static ReferenceAudio normalise(float[] samples, int sourceRate, int modelRate) {
        double rms = rms(samples);
        double gain = rms < TARGET_RMS && rms > 0 ? TARGET_RMS / rms : 1.0;
        float[] boosted = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            boosted[i] = (float) (samples[i] * gain);
        }
        float[] atRate = sourceRate == modelRate ? boosted : Resampler.resample(boosted, sourceRate, modelRate);
        return new ReferenceAudio(atRate, modelRate, samples.length / (double) sourceRate, rms, gain);
    }

    /** {@code wave * rms / target_rms} when the reference was boosted. */
    public float[] restoreLoudness(float[] wave) {
        if (gain == 1.0) {
            return wave;
        }
        float scale = (float) (rms / TARGET_RMS);
        float[] out = new float[wave.length];
        for (int i = 0; i < wave.length; i++) {
            out[i] = wave[i] * scale;
        }
        return out;
    }

    static double rms(float[] samples) {
        if (samples.length == 0) {
            return 0;
        }
        double sum = 0;
        for (float s : samples) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / samples.length);
    }
}
