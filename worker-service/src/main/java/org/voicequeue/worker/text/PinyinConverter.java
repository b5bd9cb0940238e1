package org.voicequeue.worker.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The official {@code convert_char_to_pinyin}: text → the list of vocabulary items the model reads. Latin text is
 * kept character by character; Chinese characters become " " + TONE3 pinyin. Thread-safe.
 */
public final class PinyinConverter {
    private final Segmenter segmenter = new Segmenter();
    private final ChinesePinyin pinyin = new ChinesePinyin();

    public List<String> convert(String text) {
        List<String> items = new ArrayList<>();
        for (String seg : segmenter.cut(translate(text))) {
            int chars = seg.codePointCount(0, seg.length());
            int bytes = Utf8.length(seg);
            if (bytes == chars) {
                pureAscii(seg, items);
            } else if (bytes == 3 * chars) {
                pureEastAsian(seg, items);
            } else {
                mixed(seg, items);
            }
        }
        return items;
    }

    /** {@code str.maketrans({";": ",", "“": '"', "”": '"', "‘": "'", "’": "'"})}. */
    static String translate(String text) {
        return text.replace(';', ',')
                .replace('\u201C', '"')
                .replace('\u201D', '"')
                .replace('\u2018', '\'')
                .replace('\u2019', '\'');
    }

    /** A word glued to the previous item gets a separating space, unless that item is a space, ':', quote or '"'. */
    private static void pureAscii(String seg, List<String> items) {
        if (!items.isEmpty() && seg.length() > 1 && !" :'\"".contains(items.get(items.size() - 1))) {
            items.add(" ");
        }
        seg.codePoints().forEach(cp -> items.add(new String(Character.toChars(cp))));
    }

    private void pureEastAsian(String seg, List<String> items) {
        List<String> readings = pinyin.of(seg);
        int[] cps = seg.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            if (isChinese(cps[i])) {
                items.add(" ");
            }
            items.add(readings.get(i));
        }
    }

    private void mixed(String seg, List<String> items) {
        seg.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            if (cp < 256) {
                items.add(c);
            } else if (isChinese(cp)) {
                items.add(" ");
                items.addAll(pinyin.of(c));
            } else {
                items.add(c);
            }
        });
    }

    /** The official test {@code "\u3100" <= c <= "\u9fff"}. */
    public static boolean isChinese(int cp) {
        return cp >= 0x3100 && cp <= 0x9FFF;
    }
}
