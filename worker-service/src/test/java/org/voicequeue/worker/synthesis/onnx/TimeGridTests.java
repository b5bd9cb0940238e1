package org.voicequeue.worker.synthesis.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TimeGridTests {

    @Test
    void swayMinusOneGivesOneMinusCosineOfTheUniformGrid() {
        float[] t = TimeGrid.of(32, -1.0);
        assertThat(t).hasSize(33);
        assertThat(t[0]).isEqualTo(0f);
        assertThat(t[1]).isCloseTo(0.001205f, within(1e-6f));
        assertThat(t[16]).isCloseTo(0.292893f, within(1e-6f));
        assertThat(t[32]).isCloseTo(1f, within(1e-7f));
    }

    @Test
    void epssStepCountsUseTheEmpiricalTable() {
        float[] t = TimeGrid.of(7, 0.0);
        assertThat(t).containsExactly(0f, 2 / 32f, 4 / 32f, 6 / 32f, 8 / 32f, 16 / 32f, 24 / 32f, 1f);
    }

    @Test
    void otherStepCountsUseLinspace() {
        assertThat(TimeGrid.of(4, 0.0)).containsExactly(0f, 0.25f, 0.5f, 0.75f, 1f);
    }
}
