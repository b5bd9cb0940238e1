package org.voicequeue.worker.synthesis;

/** Mono samples in [-1, 1] at the model's sample rate. */
public record SynthesizedAudio(float[] samples, int sampleRate) {

    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }
}
