package org.voicequeue.worker.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits long text into chunks the model can speak in one pass, by the official {@code chunk_text} rule. */
public final class TextChunker {
    /** Split after ASCII pause punctuation followed by whitespace (dropped), or right after full-width punctuation. */
    private static final Pattern SENTENCE_END =
            Pattern.compile("(?<=[;:,.!?])\\s+|(?<=[；：，。！？])", Pattern.UNICODE_CHARACTER_CLASS);

    /** Seconds of reference plus generated speech one pass may hold ({@code infer_process}: 22 s since 1.0.0). */
    static final double PASS_SECONDS = 22.0;

    private TextChunker() {}

    /**
     * {@code max_chars = int(len(ref_text.encode()) / ref_seconds * (22 - ref_seconds) * speed)}: the reference's
     * bytes per second times the seconds left in one pass.
     */
    public static int maxChars(String refText, double refSeconds, double speed) {
        return (int) (Utf8.length(refText) / refSeconds * (PASS_SECONDS - refSeconds) * speed);
    }

    /** Greedy packing of sentences by UTF-8 length; a sentence ending in a 1-byte character gets a trailing space. */
    public static List<String> chunk(String text, int maxChars) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String sentence : splitSentences(text)) {
            String piece = !sentence.isEmpty() && Utf8.lastCharLength(sentence) == 1 ? sentence + " " : sentence;
            if (Utf8.length(current.toString()) + Utf8.length(sentence) <= maxChars) {
                current.append(piece);
            } else {
                if (!current.isEmpty()) {
                    chunks.add(pythonStrip(current.toString()));
                }
                current.setLength(0);
                current.append(piece);
            }
        }
        if (!current.isEmpty()) {
            chunks.add(pythonStrip(current.toString()));
        }
        return chunks;
    }

    /** {@code re.split} keeps a trailing empty piece; Java's split drops it, which changes nothing here. */
    static List<String> splitSentences(String text) {
        return List.of(SENTENCE_END.split(text, -1));
    }

    /** Python's {@code str.strip()}: also strips no-break spaces, which Java's {@code strip()} keeps. */
    static String pythonStrip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isPythonSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }
}
