package org.voicequeue.worker.text;

/** How many mel frames one pass (reference + generated) gets, as the official {@code infer_batch_process}. */
public final class Durations {
    public static final int HOP_LENGTH = 256;
    /** {@code CFM.sample} clamps the total to this many frames. */
    public static final int MAX_FRAMES = 65536;
    /** Chunks shorter than this many bytes are spoken at speed 0.3 (the estimate is useless for them). */
    static final int SHORT_CHUNK_BYTES = 10;

    static final double SHORT_CHUNK_SPEED = 0.3;

    private Durations() {}

    /**
     * @param refSamples samples of the normalised 24 kHz reference
     * @param refText reference transcript including the trailing space(s) the tokeniser sees
     * @param genText the chunk to speak
     * @param tokenCount number of text tokens of {@code refText + genText}
     * @return total frames D, reference included
     */
    public static int totalFrames(int refSamples, String refText, String genText, double speed, int tokenCount) {
        int refAudioLen = refSamples / HOP_LENGTH;
        int refFrames = refAudioLen + 1;
        double localSpeed = Utf8.length(genText) < SHORT_CHUNK_BYTES ? SHORT_CHUNK_SPEED : speed;
        int estimate =
                refAudioLen + (int) ((double) refAudioLen / Utf8.length(refText) * Utf8.length(genText) / localSpeed);
        int atLeast = Math.max(tokenCount, refFrames) + 1;
        return Math.min(Math.max(estimate, atLeast), MAX_FRAMES);
    }

    /** Frames of the reference mel (centred STFT): {@code N // 256 + 1}. */
    public static int referenceFrames(int refSamples) {
        return refSamples / HOP_LENGTH + 1;
    }

    /** Where the generated part is cut from the sampled mel: {@code N // 256}, one frame before the reference ends. */
    public static int generatedStart(int refSamples) {
        return refSamples / HOP_LENGTH;
    }
}
