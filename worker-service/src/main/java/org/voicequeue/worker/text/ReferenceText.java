package org.voicequeue.worker.text;

/** The two fixes the official code makes to the reference transcript before it is tokenised. */
public final class ReferenceText {
    private ReferenceText() {}

    /**
     * {@code preprocess_ref_audio_text}: a transcript that does not end in ". " or "。" gets " " after a final "."
     * and ". " otherwise, so the model hears a sentence break between reference and generated speech.
     */
    public static String withSentenceEnd(String refText) {
        if (refText.endsWith(". ") || refText.endsWith("。")) {
            return refText;
        }
        return refText.endsWith(".") ? refText + " " : refText + ". ";
    }

    /** {@code infer_batch_process}: one more space when the last character is a single UTF-8 byte. */
    public static String withTrailingSpace(String refText) {
        return Utf8.lastCharLength(refText) == 1 ? refText + " " : refText;
    }
}
