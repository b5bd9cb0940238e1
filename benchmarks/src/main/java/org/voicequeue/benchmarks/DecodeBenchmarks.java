package org.voicequeue.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.voicequeue.audio.AudioDecoder;
import org.voicequeue.audio.DecodedAudio;
import org.voicequeue.audio.InvalidAudioException;
import org.voicequeue.audio.WavEncoder;

/**
 * Decoding a 10 s, 24 kHz mono WAV reference (the API decodes every upload to validate it). 16-bit PCM takes the
 * reader's bulk path; the baseline is the same clip as 24-bit PCM, which only the general per-sample loop decodes (that
 * loop is not reachable for 16-bit through the public API). The 24-bit file holds 1.5x the bytes, but the per-sample
 * loop, not reading bytes, dominates its cost.
 */
public class DecodeBenchmarks extends InnerLoopBenchmark {
    static final int RATE = 24_000;

    float[] clip = new float[0];
    byte[] pcm16Wav = new byte[0];
    byte[] pcm24Wav = new byte[0];

    @Setup
    public void createClips() {
        clip = Clips.speechLike(RATE);
        pcm16Wav = WavEncoder.encodePcm16(clip, RATE);
        pcm24Wav = Clips.pcm24Wav(clip, RATE);
    }

    @Benchmark
    public DecodedAudio decodePcm16() throws InvalidAudioException {
        return AudioDecoder.decode(pcm16Wav);
    }

    @Benchmark
    public DecodedAudio baselineDecodePcm24PerSample() throws InvalidAudioException {
        return AudioDecoder.decode(pcm24Wav);
    }
}
