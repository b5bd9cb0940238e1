package org.voicequeue.worker.synthesis.onnx;

/** One evaluation of the flow at time t: both CFG branches, each [D, 100] row-major. */
interface VelocityField {

    Velocity at(float[] x, float t) throws Exception;

    record Velocity(float[] conditional, float[] unconditional) {}
}
