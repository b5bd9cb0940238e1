package org.voicequeue.worker.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrossFadeTests {

    @Test
    void overlapIsALinearFadeWithBothEndpointsIncluded() {
        float[] out = CrossFade.join(List.of(new float[] {1, 1, 1, 1}, new float[] {3, 3, 3}), 3);
        // prev tail * [1, .5, 0] + next head * [0, .5, 1]
        assertThat(out).containsExactly(new float[] {1, 1, 2, 3}, within(1e-6f));
    }

    @Test
    void overlapIsClippedToTheShorterWave() {
        float[] out = CrossFade.join(List.of(new float[] {1, 1, 1}, new float[] {5}), 3);
        assertThat(out).containsExactly(new float[] {1, 1, 1}, within(1e-6f));
    }

    @Test
    void zeroOverlapConcatenates() {
        assertThat(CrossFade.join(List.of(new float[] {1}, new float[] {2}), 0)).containsExactly(1, 2);
    }

    @Test
    void officialOverlapIsThirtySixHundredSamplesAt24kHz() {
        assertThat(CrossFade.samples(0.15, 24_000)).isEqualTo(3600);
    }
}
