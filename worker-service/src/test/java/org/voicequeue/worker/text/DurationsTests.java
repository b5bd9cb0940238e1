package org.voicequeue.worker.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationsTests {

    @Test
    void durationIsReferenceFramesPlusTheirRatePerByteTimesGeneratedBytes() {
        // 25600 samples → refA 100; ref text 50 bytes, gen 25 bytes → 100 + int(100/50*25/1.0) = 150
        assertThat(Durations.totalFrames(25_600, "a".repeat(50), "b".repeat(25), 1.0, 10))
                .isEqualTo(150);
        assertThat(Durations.totalFrames(25_600, "a".repeat(50), "b".repeat(25), 2.0, 10))
                .isEqualTo(125);
    }

    @Test
    void chunksShorterThanTenBytesAreSpokenAtSpeedPointThree() {
        // 100 + int(100/50*9/0.3) = 100 + 60
        assertThat(Durations.totalFrames(25_600, "a".repeat(50), "b".repeat(9), 1.0, 10))
                .isEqualTo(160);
    }

    @Test
    void durationCoversTheTextAndTheReferencePlusOneFrame() {
        assertThat(Durations.totalFrames(25_600, "a".repeat(50), "b".repeat(10), 3.0, 500))
                .isEqualTo(501);
        assertThat(Durations.totalFrames(25_600, "a".repeat(5000), "b".repeat(10), 3.0, 5))
                .isEqualTo(102);
    }

    @Test
    void generatedPartStartsOneFrameBeforeTheReferenceEnds() {
        assertThat(Durations.referenceFrames(25_600)).isEqualTo(101);
        assertThat(Durations.generatedStart(25_600)).isEqualTo(100);
    }
}
