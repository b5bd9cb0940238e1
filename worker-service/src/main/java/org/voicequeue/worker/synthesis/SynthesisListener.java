package org.voicequeue.worker.synthesis;

/** Called by the engine between sampling steps. */
public interface SynthesisListener {

    /** Overall progress in [0, 1] across all chunks and steps. */
    void onProgress(double fraction);

    /** Polled between steps; {@code true} makes the engine stop with {@link SynthesisCanceledException}. */
    boolean isCanceled();

    SynthesisListener NONE = new SynthesisListener() {
        @Override
        public void onProgress(double fraction) {}

        @Override
        public boolean isCanceled() {
            return false;
        }
    };
}
