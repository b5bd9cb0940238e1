package org.voicequeue.worker.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected lists were produced by the official convert_char_to_pinyin (rjieba + pypinyin 0.55). */
class PinyinConverterTests {
    private final PinyinConverter converter = new PinyinConverter();

    private String joined(String text) {
        return String.join("|", converter.convert(text));
    }

    @Test
    void plainEnglishIsKeptCharacterByCharacter() {
        assertThat(converter.convert("Hi, you.")).containsExactly("H", "i", ",", " ", "y", "o", "u", ".");
    }

    @Test
    void aWordGluedToPunctuationGetsASpaceAsJiebaSegmentsIt() {
        assertThat(String.join("", converter.convert("Hello,world! Wait...what 100%sure")))
                .isEqualTo("Hello, world! Wait ... what 100% sure");
    }

    @Test
    void hyphenatedWordsDottedAbbreviationsAndDictionaryWordsStayWhole() {
        assertThat(String.join("", converter.convert("well-known U.S. c++ a--b")))
                .isEqualTo("well-known U.S. c++ a --b");
    }

    @Test
    void quotesAndSemicolonsAreTranslated() {
        assertThat(String.join("", converter.convert("“a”; ‘b’"))).isEqualTo("\"a\", 'b'");
    }

    @Test
    void chineseBecomesSpaceSeparatedTone3Pinyin() {
        assertThat(joined("你好，世界！")).isEqualTo(" |ni2| |hao3|，| |shi4| |jie4|！");
    }

    @Test
    void mixedChineseAndLatinKeepsTheLatinCharacters() {
        List<String> items = converter.convert("F5-TTS是");
        assertThat(items).containsExactly("F", "5", "-", "T", "T", "S", " ", "shi4");
    }
}
