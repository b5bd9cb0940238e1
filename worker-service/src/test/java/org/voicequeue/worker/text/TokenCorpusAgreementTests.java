package org.voicequeue.worker.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Token ids of the Java front end against the official {@code convert_char_to_pinyin} + {@code list_str_to_idx}
 * on {@code models/fixtures/golden/tokens/corpus.tsv}. Text without Chinese must agree exactly; Chinese depends on
 * HanLP's readings and segmentation versus pypinyin's phrase dictionary, so its agreement is reported and guarded
 * against regressions.
 */
class TokenCorpusAgreementTests {
    /** Share of Chinese corpus lines whose ids are identical, measured when this test was written (25/33). */
    static final double MIN_CHINESE_LINE_AGREEMENT = 0.75;

    private static Path repo() {
        String root = System.getProperty("voicequeue.repo.root");
        if (root != null) {
            return Path.of(root);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("models"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    record Line(String text, long[] ids) {
        boolean chinese() {
            return text.codePoints().anyMatch(PinyinConverter::isChinese);
        }
    }

    private static List<Line> corpus() throws Exception {
        List<Line> lines = new ArrayList<>();
        List<String> rows =
                Files.readAllLines(repo().resolve("models/fixtures/golden/tokens/corpus.tsv"), StandardCharsets.UTF_8);
        for (String row : rows.subList(1, rows.size())) {
            String[] cols = row.split("\t");
            long[] ids = cols[1].isEmpty()
                    ? new long[0]
                    : Arrays.stream(cols[1].split(","))
                            .mapToLong(Long::parseLong)
                            .toArray();
            lines.add(new Line(cols[0], ids));
        }
        return lines;
    }

    private static TextTokenizer tokenizer() throws Exception {
        return TextTokenizer.of(
                Vocabulary.load(repo().resolve("models/fixtures/f5-tts-tiny/vocab.txt")), new PinyinConverter());
    }

    @Test
    void textWithoutChineseGetsExactlyTheOfficialIds() throws Exception {
        TextTokenizer tokenizer = tokenizer();
        List<Line> latin = corpus().stream().filter(l -> !l.chinese()).toList();
        assertThat(latin).isNotEmpty();
        for (Line line : latin) {
            assertThat(tokenizer.encode(line.text())).as(line.text()).containsExactly(line.ids());
        }
    }

    @Test
    void chineseTextAgreesWithTheOfficialIdsOnMostLines() throws Exception {
        TextTokenizer tokenizer = tokenizer();
        List<Line> chinese = corpus().stream().filter(Line::chinese).toList();
        int sameLines = 0;
        long sameIds = 0;
        long totalIds = 0;
        for (Line line : chinese) {
            long[] mine = tokenizer.encode(line.text());
            if (Arrays.equals(mine, line.ids())) {
                sameLines++;
            }
            for (int i = 0; i < line.ids().length; i++) {
                totalIds++;
                if (i < mine.length && mine[i] == line.ids()[i]) {
                    sameIds++;
                }
            }
        }
        double lineAgreement = sameLines / (double) chinese.size();
        System.out.printf(
                "token corpus, Chinese lines: %d/%d identical (%.1f %%), ids %.2f %% position-equal%n",
                sameLines, chinese.size(), 100 * lineAgreement, 100.0 * sameIds / totalIds);
        assertThat(lineAgreement).isGreaterThanOrEqualTo(MIN_CHINESE_LINE_AGREEMENT);
    }
}
