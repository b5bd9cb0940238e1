package org.voicequeue.audio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Concatenates clips in order with a pause between them (a batch's stitched narration). */
public final class WavJoiner {
    private WavJoiner() {}

    /** Joins mono clips of one sample rate, with {@code pause} of silence between consecutive clips. */
    public static float[] join(List<float[]> clips, int sampleRate, Duration pause) {
        if (pause.isNegative()) {
            throw new IllegalArgumentException("pause must not be negative");
        }
        long gap = Math.round(pause.toNanos() / 1e9 * sampleRate);
        long total = 0;
        for (float[] clip : clips) {
            total += clip.length;
        }
        total += gap * Math.max(0, clips.size() - 1);
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("joined audio too long");
        }
        float[] out = new float[(int) total];
        int at = 0;
        for (int i = 0; i < clips.size(); i++) {
            if (i > 0) {
                at += (int) gap; // the array is zero-filled: silence
            }
            System.arraycopy(clips.get(i), 0, out, at, clips.get(i).length);
            at += clips.get(i).length;
        }
        return out;
    }

    /**
     * Decodes each clip (any supported format), brings it to the first clip's sample rate, joins them with
     * {@code pause} between them and writes one 16-bit PCM WAV.
     */
    public static byte[] joinToWav(List<byte[]> encodedClips, Duration pause) throws InvalidAudioException {
        if (encodedClips.isEmpty()) {
            throw new IllegalArgumentException("nothing to join");
        }
        List<float[]> clips = new ArrayList<>(encodedClips.size());
        int rate = 0;
        for (byte[] encoded : encodedClips) {
            DecodedAudio clip = AudioDecoder.decode(encoded);
            if (rate == 0) {
                rate = clip.sampleRate();
            }
            clips.add(
                    clip.sampleRate() == rate
                            ? clip.samples()
                            : Resampler.resample(clip.samples(), clip.sampleRate(), rate));
        }
        return WavEncoder.encodePcm16(join(clips, rate, pause), rate);
    }
}
