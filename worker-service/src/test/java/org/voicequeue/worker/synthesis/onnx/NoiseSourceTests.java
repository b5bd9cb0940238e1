package org.voicequeue.worker.synthesis.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NoiseSourceTests {

    @Test
    void sameSeedGivesIdenticalNoiseAcrossChunks() {
        NoiseSource a = NoiseSource.seeded(42);
        NoiseSource b = NoiseSource.seeded(42);
        assertThat(a.next(1001)).containsExactly(b.next(1001));
        assertThat(a.next(7)).containsExactly(b.next(7));
    }

    @Test
    void differentSeedsGiveDifferentNoise() {
        assertThat(NoiseSource.seeded(1).next(16))
                .isNotEqualTo(NoiseSource.seeded(2).next(16));
    }

    @Test
    void noiseIsStandardNormal() {
        float[] n = NoiseSource.seeded(7).next(200_000);
        double sum = 0;
        double sq = 0;
        for (float v : n) {
            sum += v;
            sq += v * v;
        }
        assertThat(sum / n.length).isCloseTo(0.0, within(0.01));
        assertThat(sq / n.length).isCloseTo(1.0, within(0.02));
    }
}
