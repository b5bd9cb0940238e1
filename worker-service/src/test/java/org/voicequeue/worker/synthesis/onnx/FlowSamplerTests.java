package org.voicequeue.worker.synthesis.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voicequeue.worker.synthesis.SynthesisCanceledException;

class FlowSamplerTests {

    /** v_c = 1, v_u = 0.5 everywhere: with cfg 2 the velocity is 1 + 0.5 * 2 = 2. */
    private final VelocityField constant = (x, t) -> {
        float[] vc = new float[x.length];
        float[] vu = new float[x.length];
        java.util.Arrays.fill(vc, 1f);
        java.util.Arrays.fill(vu, 0.5f);
        return new VelocityField.Velocity(vc, vu);
    };

    @Test
    void eulerStepsIntegrateTheGuidedVelocityOverTheGrid() throws Exception {
        float[] y = FlowSampler.solve(constant, new float[] {0f, 1f}, TimeGrid.of(8, -1.0), 2f, done -> {});
        assertThat(y).containsExactly(new float[] {2f, 3f}, within(1e-5f));
    }

    @Test
    void guidanceBelowThresholdUsesOnlyTheConditionalBranch() throws Exception {
        float[] y = FlowSampler.solve(constant, new float[] {0f}, TimeGrid.of(4, 0.0), 0f, done -> {});
        assertThat(y[0]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void listenerHearsEveryStepInOrder() throws Exception {
        List<Integer> steps = new ArrayList<>();
        FlowSampler.solve(constant, new float[] {0f}, TimeGrid.of(6, -1.0), 2f, steps::add);
        assertThat(steps).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void cancelBetweenStepsStopsTheSolve() {
        List<Integer> evaluated = new ArrayList<>();
        VelocityField counting = (x, t) -> {
            evaluated.add(1);
            return constant.at(x, t);
        };
        assertThatThrownBy(() -> FlowSampler.solve(counting, new float[] {0f}, TimeGrid.of(8, -1.0), 2f, done -> {
                    if (done == 3) {
                        throw new SynthesisCanceledException("job_x");
                    }
                }))
                .isInstanceOf(SynthesisCanceledException.class);
        assertThat(evaluated).hasSize(3);
    }
}
