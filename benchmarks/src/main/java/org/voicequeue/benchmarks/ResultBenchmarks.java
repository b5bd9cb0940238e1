package org.voicequeue.benchmarks;

import java.util.Arrays;
import java.util.Base64;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.voicequeue.audio.WavEncoder;

/**
 * Result encoding of 10 s of 24 kHz audio: the worker's 16-bit WAV encoding, and the base64 text the API returns in its
 * JSON. The baseline copies the encoded WAV's bytes into a new array (a memcpy of the same byte count, allocation
 * included as in the measured methods), so each ratio says how far the step is from memory bandwidth.
 */
public class ResultBenchmarks extends InnerLoopBenchmark {
    static final int RATE = 24_000;

    float[] audio = new float[0];
    byte[] wav = new byte[0];

    @Setup
    public void createAudio() {
        audio = Clips.speechLike(RATE);
        wav = WavEncoder.encodePcm16(audio, RATE);
    }

    @Benchmark
    public byte[] encodePcm16Wav() {
        return WavEncoder.encodePcm16(audio, RATE);
    }

    @Benchmark
    public String base64OfWav() {
        return Base64.getEncoder().encodeToString(wav);
    }

    @Benchmark
    public byte[] baselineCopyWavBytes() {
        return Arrays.copyOf(wav, wav.length);
    }
}
