package org.voicequeue.worker.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Text → token ids for one model, by the tokenizer its manifest names: {@code custom}, {@code pinyin} and
 * {@code char} read a vocabulary file (ids = line numbers, unknown → 0); {@code byte} uses the UTF-8 bytes. The text
 * always passes through {@link PinyinConverter} first, as {@code infer_batch_process} does for every model.
 */
public final class TextTokenizer {
    private final PinyinConverter converter;
    private final @Nullable Vocabulary vocabulary;

    private TextTokenizer(PinyinConverter converter, @Nullable Vocabulary vocabulary) {
        this.converter = converter;
        this.vocabulary = vocabulary;
    }

    public static TextTokenizer load(String kind, Path vocabFile, PinyinConverter converter) throws IOException {
        return switch (kind) {
            case "custom", "pinyin", "char" -> new TextTokenizer(converter, Vocabulary.load(vocabFile));
            case "byte" -> new TextTokenizer(converter, null);
            default -> throw new IllegalArgumentException("unknown tokenizer '" + kind + "'");
        };
    }

    public static TextTokenizer of(Vocabulary vocabulary, PinyinConverter converter) {
        return new TextTokenizer(converter, vocabulary);
    }

    public long[] encode(String text) {
        var items = converter.convert(text);
        if (vocabulary != null) {
            return vocabulary.ids(items);
        }
        // list_str_to_tensor: the UTF-8 bytes of the joined items
        byte[] bytes = String.join("", items).getBytes(StandardCharsets.UTF_8);
        long[] ids = new long[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = bytes[i] & 0xFF;
        }
        return ids;
    }
}
