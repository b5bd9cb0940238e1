package org.voicequeue.audio;

import java.util.Arrays;

/** Collects decoded frames as mono (mean of the channels) and stops a decompression bomb at the duration cap. */
final class MonoBuffer {
    private final int sampleRate;
    private final double maxSeconds;
    private final long maxSamples;
    private float[] data = new float[1 << 14];
    private int size;

    static final int MIN_RATE = 4_000;
    static final int MAX_RATE = 384_000;
    static final int MAX_CHANNELS = 8;

    /** A buffer for a stream whose rate and channel count the container declared; rejects nonsense values. */
    static MonoBuffer open(String format, int sampleRate, int channels, double maxSeconds)
            throws InvalidAudioException {
        if (sampleRate < MIN_RATE || sampleRate > MAX_RATE) {
            throw new InvalidAudioException(String.format(
                    java.util.Locale.ROOT,
                    "unsupported %s sample rate %d Hz (expected %d to %d Hz)",
                    format,
                    sampleRate,
                    MIN_RATE,
                    MAX_RATE));
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new InvalidAudioException(String.format(
                    java.util.Locale.ROOT,
                    "unsupported %s channel count %d (expected 1 to %d)",
                    format,
                    channels,
                    MAX_CHANNELS));
        }
        return new MonoBuffer(sampleRate, maxSeconds);
    }

    private MonoBuffer(int sampleRate, double maxSeconds) {
        this.sampleRate = sampleRate;
        this.maxSeconds = maxSeconds;
        this.maxSamples = (long) Math.ceil(sampleRate * maxSeconds);
    }

    /** Adds one frame given as the sum of its channels' samples. */
    void addFrame(double channelSum, int channels) throws InvalidAudioException {
        add((float) (channelSum / channels));
    }

    void add(float sample) throws InvalidAudioException {
        if (size == data.length) {
            if (size >= maxSamples) {
                throw tooLong(maxSeconds);
            }
            data = Arrays.copyOf(data, (int) Math.min(maxSamples + 1, (long) size * 2));
        }
        if (size >= maxSamples) {
            throw tooLong(maxSeconds);
        }
        data[size++] = clamp(sample);
    }

    int size() {
        return size;
    }

    /** Drops samples from the start and keeps at most {@code length} of the rest (gapless trimming). */
    void keep(int from, int length) {
        int start = Math.min(from, size);
        int n = Math.max(0, Math.min(length, size - start));
        System.arraycopy(data, start, data, 0, n);
        size = n;
    }

    DecodedAudio toAudio(AudioContainer container) throws InvalidAudioException {
        if (size == 0) {
            throw new InvalidAudioException("the audio contains no samples");
        }
        return new DecodedAudio(Arrays.copyOf(data, size), sampleRate, container);
    }

    static InvalidAudioException tooLong(double maxSeconds) {
        return new InvalidAudioException(String.format(
                java.util.Locale.ROOT, "the audio is too long: more than %.0f seconds after decoding", maxSeconds));
    }

    private static float clamp(float v) {
        if (v != v) { // NaN from a float WAV
            return 0f;
        }
        return Math.max(-1f, Math.min(1f, v));
    }
}
