package org.voicequeue.worker.synthesis.onnx;

/**
 * The Euler solve of {@code CFM.sample} (torchdiffeq fixed grid): {@code y += (t[k+1] - t[k]) * v} with the CFG
 * combination {@code v = vc + (vc - vu) * cfg} (only {@code vc} when cfg < 1e-5, as the official code skips the
 * unconditional branch then). Float32 arithmetic, as torch on CPU.
 */
final class FlowSampler {

    /** Called after every step with the number of steps done; may throw to stop between steps. */
    interface StepListener {
        void afterStep(int done) throws Exception;
    }

    private FlowSampler() {}

    static float[] solve(VelocityField field, float[] noise, float[] grid, float cfg, StepListener listener)
            throws Exception {
        float[] y = noise.clone();
        for (int k = 0; k + 1 < grid.length; k++) {
            VelocityField.Velocity v = field.at(y, grid[k]);
            float dt = grid[k + 1] - grid[k];
            float[] vc = v.conditional();
            float[] vu = v.unconditional();
            boolean guided = cfg >= 1e-5f;
            for (int i = 0; i < y.length; i++) {
                float vel = guided ? vc[i] + (vc[i] - vu[i]) * cfg : vc[i];
                y[i] = y[i] + dt * vel;
            }
            listener.afterStep(k + 1);
        }
        return y;
    }
}
