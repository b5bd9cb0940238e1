package org.voicequeue.worker.text;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.py.Pinyin;
import java.util.ArrayList;
import java.util.List;

/**
 * Pinyin of a Chinese word in pypinyin's {@code Style.TONE3} spelling ("ni3", "lv4", neutral tone without a digit)
 * with pypinyin's {@code tone_sandhi=True} rules. Readings come from HanLP's word dictionary, so polyphones can
 * differ from pypinyin's phrase dictionary; the rules applied afterwards are pypinyin's.
 */
final class ChinesePinyin {

    /** One item per code point: the pinyin, or the character itself when it has none (as pypinyin returns it). */
    List<String> of(String word) {
        int[] cps = word.codePoints().toArray();
        List<Pinyin> readings = HanLP.convertToPinyinList(word);
        List<String> out = new ArrayList<>(cps.length);
        boolean sameLength = readings.size() == cps.length;
        for (int i = 0; i < cps.length; i++) {
            Pinyin p = sameLength ? readings.get(i) : null;
            out.add(p == null || p == Pinyin.none5 ? new String(Character.toChars(cps[i])) : tone3(p));
        }
        neutralTones(cps, out);
        return ToneSandhi.apply(cps, out);
    }

    /** Modal particles pypinyin reads in the neutral tone where HanLP gives a full tone. */
    private static final String NEUTRAL_PARTICLES = "吧吗呢啊么";

    /**
     * Neutral tones pypinyin's phrase dictionary has and HanLP's readings lack: modal particles, the noun suffix
     * 子, and 个 after a demonstrative (这个, 那个, 哪个).
     */
    private static void neutralTones(int[] cps, List<String> out) {
        for (int i = 0; i < cps.length; i++) {
            boolean neutral = NEUTRAL_PARTICLES.indexOf(cps[i]) >= 0
                    || (cps[i] == '子' && i == cps.length - 1 && i > 0)
                    || (cps[i] == '个' && i > 0 && "这那哪".indexOf(cps[i - 1]) >= 0);
            if (neutral) {
                out.set(i, out.get(i).replaceAll("\\d", ""));
            }
        }
    }

    /** HanLP spells the neutral tone as 5; TONE3 leaves the digit out. */
    private static String tone3(Pinyin p) {
        String name = p.name();
        return name.endsWith("5") ? name.substring(0, name.length() - 1) : name;
    }
}
