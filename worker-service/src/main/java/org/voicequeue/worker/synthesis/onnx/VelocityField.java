package org.voicequeue.worker.synthesis.onnx;

/**
 * One evaluation of the flow at time t: both CFG branches, each [D, 100] row-major. Closed when the chunk's solve
 * ends, so that a {@link StepBatcher} stops waiting for its steps.
 */
interface VelocityField extends AutoCloseable {

    Velocity at(float[] x, float t) throws Exception;

    @Override
    default void close() {}

    record Velocity(float[] conditional, float[] unconditional) {}
}
