package org.voicequeue.audio;

/**
 * Decoded audio, mixed down to mono.
 *
 * @param samples mono samples in [-1, 1]
 * @param sampleRate samples per second
 * @param container the format it was decoded from
 */
public record DecodedAudio(float[] samples, int sampleRate, AudioContainer container) {

    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }
}
