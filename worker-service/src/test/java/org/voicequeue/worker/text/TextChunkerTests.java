package org.voicequeue.worker.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextChunkerTests {

    @Test
    void maxCharsIsReferenceBytesPerSecondTimesSecondsLeftInThePass() {
        // 40 bytes over 4 s = 10 bytes/s, 18 s left, speed 1
        assertThat(TextChunker.maxChars("a".repeat(40), 4.0, 1.0)).isEqualTo(180);
        assertThat(TextChunker.maxChars("a".repeat(40), 4.0, 0.5)).isEqualTo(90);
    }

    @Test
    void sentencesArePackedGreedilyByUtf8Bytes() {
        assertThat(TextChunker.chunk("One two. Three four! Five six?", 20))
                .containsExactly("One two. Three four!", "Five six?");
    }

    @Test
    void punctuationWithoutFollowingWhitespaceDoesNotSplit() {
        assertThat(TextChunker.chunk("3.5 and a,b", 4)).containsExactly("3.5 and a,b");
    }

    @Test
    void fullWidthPunctuationSplitsWithoutWhitespaceAndAddsNoSpace() {
        // each Chinese character is 3 bytes: "你好，" = 9 bytes
        assertThat(TextChunker.chunk("你好，世界。", 9)).containsExactly("你好，", "世界。");
        assertThat(TextChunker.chunk("你好，世界。", 18)).containsExactly("你好，世界。");
    }

    @Test
    void aSentenceLongerThanTheLimitIsItsOwnChunk() {
        assertThat(TextChunker.chunk("Short. " + "x".repeat(50) + ". End.", 10))
                .containsExactly("Short.", "x".repeat(50) + ".", "End.");
    }
}
