package org.voicequeue.worker.text;

import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.Viterbi.ViterbiSegment;
import com.hankcs.hanlp.seg.common.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word segmentation shaped like {@code rjieba.cut} (jieba-rs), which the official F5-TTS uses since 1.1.10. Only
 * the segment boundaries of ASCII text change the tokens (a space is inserted before a multi-character ASCII
 * segment), so the ASCII rules below reproduce jieba-rs exactly; Chinese runs are segmented by HanLP, which only
 * shapes the pinyin of polyphones and tone sandhi.
 */
final class Segmenter {
    /** Characters jieba-rs keeps together in a block: CJK ideographs plus {@code a-zA-Z0-9+#&._%-}. */
    private static final Pattern BLOCK = Pattern.compile(
            "[\\x{3400}-\\x{4DBF}\\x{4E00}-\\x{9FFF}\\x{F900}-\\x{FAFF}\\x{20000}-\\x{2FA1F}a-zA-Z0-9+#&._%\\-]+");

    private static final Pattern HAN =
            Pattern.compile("[\\x{3400}-\\x{4DBF}\\x{4E00}-\\x{9FFF}\\x{F900}-\\x{FAFF}\\x{20000}-\\x{2FA1F}]+");
    /**
     * An ASCII word of a block: the only non-alphanumeric ASCII entries of jieba's dictionary (AT&T, C#, C++), or
     * alphanumerics joined by single '.', '_' or '-', optionally ending in '%' (jieba-rs' HMM fallback).
     */
    private static final Pattern ASCII_WORD =
            Pattern.compile("AT&T|[cC]\\+\\+|[cC]#|[a-zA-Z0-9]+(?:[._\\-][a-zA-Z0-9]+)*%?");

    private final Segment chinese;

    Segmenter() {
        // no part-of-speech, no named entities: only the word boundaries are used
        this.chinese = new ViterbiSegment().enableCustomDictionary(true);
    }

    List<String> cut(String text) {
        List<String> out = new ArrayList<>();
        Matcher block = BLOCK.matcher(text);
        int last = 0;
        while (block.find()) {
            outsideBlock(text.substring(last, block.start()), out);
            insideBlock(block.group(), out);
            last = block.end();
        }
        outsideBlock(text.substring(last), out);
        return out;
    }

    /** Outside blocks every character is its own segment, "\r\n" counting as one. */
    private static void outsideBlock(String text, List<String> out) {
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("\r\n", i)) {
                out.add("\r\n");
                i += 2;
                continue;
            }
            int cp = text.codePointAt(i);
            out.add(new String(Character.toChars(cp)));
            i += Character.charCount(cp);
        }
    }

    private void insideBlock(String block, List<String> out) {
        Matcher han = HAN.matcher(block);
        int last = 0;
        while (han.find()) {
            asciiRun(block.substring(last, han.start()), out);
            for (Term term : chinese.seg(han.group())) {
                out.add(term.word);
            }
            last = han.end();
        }
        asciiRun(block.substring(last), out);
    }

    /** ASCII words as matched; what lies between them (".-", "--", "+") is one segment each. */
    private static void asciiRun(String run, List<String> out) {
        Matcher word = ASCII_WORD.matcher(run);
        int last = 0;
        while (word.find()) {
            if (word.start() > last) {
                out.add(run.substring(last, word.start()));
            }
            out.add(word.group());
            last = word.end();
        }
        if (last < run.length()) {
            out.add(run.substring(last));
        }
    }
}
