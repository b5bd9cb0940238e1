package org.voicequeue.worker.text;

import java.nio.charset.StandardCharsets;

/** The official code measures text in UTF-8 bytes ({@code len(s.encode("utf-8"))}), not in characters. */
public final class Utf8 {
    private Utf8() {}

    public static int length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Byte length of the last code point, 0 for an empty string. */
    static int lastCharLength(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        int cp = s.codePointBefore(s.length());
        return length(new String(Character.toChars(cp)));
    }
}
