package org.voicequeue.worker.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's {@code vocab.txt}: one token per line, id = line number (official {@code get_tokenizer} with the
 * "custom" / "pinyin" / "char" tokenizers). Line 0 is a single space; unknown tokens map to id 0 as in the official
 * {@code list_str_to_idx}.
 */
public final class Vocabulary {
    private final Map<String, Integer> ids;

    private Vocabulary(Map<String, Integer> ids) {
        this.ids = Map.copyOf(ids);
    }

    public static Vocabulary load(Path file) throws IOException {
        return of(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Mirrors {@code for i, char in enumerate(f): vocab[char[:-1]] = i} on a file opened in text mode: universal
     * newlines, the last character of every line dropped (normally the newline), a later duplicate wins.
     */
    public static Vocabulary of(String content) {
        String text = content.replace("\r\n", "\n").replace('\r', '\n');
        Map<String, Integer> ids = new HashMap<>();
        int start = 0;
        int index = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline + 1;
            String line = text.substring(start, end);
            ids.put(line.substring(0, line.offsetByCodePoints(line.length(), -1)), index++);
            start = end;
        }
        return new Vocabulary(ids);
    }

    public int size() {
        return ids.size();
    }

    public int idOf(String token) {
        return ids.getOrDefault(token, 0);
    }

    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    public long[] ids(List<String> tokens) {
        long[] out = new long[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = idOf(tokens.get(i));
        }
        return out;
    }
}
