package org.voicequeue.worker.text;

import java.util.ArrayList;
import java.util.List;

/**
 * pypinyin's {@code ToneSandhiMixin} on one word, in its order: third tone, then 不, then 一. The rules look only at
 * which tone digit a syllable carries, so they work on TONE3 spellings as they do on TONE2 ones; their quirks are
 * kept (the third-tone rule counts only the trailing run of third tones; 一 in first tone before a fourth tone is
 * left unchanged because the rule replaces a '4' it does not have).
 */
final class ToneSandhi {
    private ToneSandhi() {}

    static List<String> apply(int[] hans, List<String> pinyin) {
        List<String> out = new ArrayList<>(pinyin);
        thirdTone(out);
        beforeNext(hans, out, '不', '4');
        beforeNext(hans, out, '一', '1');
        yiBeforeFourth(hans, pinyin, out);
        return out;
    }

    private static void thirdTone(List<String> p) {
        int trailingThirds = 0;
        for (String s : p) {
            trailingThirds = s.indexOf('3') >= 0 ? trailingThirds + 1 : 0;
        }
        if (trailingThirds < 2) {
            return;
        }
        // two: the first third tone of the word becomes second; more: all but the last of that many
        int toChange = trailingThirds == 2 ? 1 : trailingThirds - 1;
        for (int i = 0; i < p.size() && toChange > 0; i++) {
            if (p.get(i).indexOf('3') >= 0) {
                p.set(i, p.get(i).replace('3', '2'));
                toChange--;
            }
        }
    }

    /**
     * pypinyin's phrase dictionary reads 一 before a fourth tone as yi2 (一个, 一定); its rule cannot produce that
     * from HanLP's yi1 (it replaces a '4' that yi1 lacks), so it is applied here.
     */
    private static final String NUMERALS = "〇一二三四五六七八九十百千万亿两";

    private static void yiBeforeFourth(int[] hans, List<String> original, List<String> out) {
        for (int i = 0; i + 1 < hans.length; i++) {
            if (hans[i] == '一'
                    && "yi1".equals(original.get(i))
                    && out.get(i + 1).endsWith("4")
                    && NUMERALS.indexOf(hans[i + 1]) < 0) {
                out.set(i, "yi2");
            }
        }
    }

    /** 不/一: '4'→'2' before a fourth tone, every digit → '4' before anything else, {@code finalTone} at the end. */
    private static void beforeNext(int[] hans, List<String> p, char han, char finalTone) {
        for (int i = 0; i < hans.length; i++) {
            if (hans[i] != han) {
                continue;
            }
            String current = p.get(i);
            if (i < hans.length - 1) {
                p.set(i, p.get(i + 1).indexOf('4') >= 0 ? current.replace('4', '2') : current.replaceAll("\\d", "4"));
            } else {
                p.set(i, current.replaceAll("\\d", String.valueOf(finalTone)));
            }
        }
    }
}
