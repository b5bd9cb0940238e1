package org.voicequeue.worker.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReferenceTextTests {

    @Test
    void transcriptGetsASentenceEndAsTheOfficialPreprocessing() {
        assertThat(ReferenceText.withSentenceEnd("Hello")).isEqualTo("Hello. ");
        assertThat(ReferenceText.withSentenceEnd("Hello.")).isEqualTo("Hello. ");
        assertThat(ReferenceText.withSentenceEnd("Hello. ")).isEqualTo("Hello. ");
        assertThat(ReferenceText.withSentenceEnd("你好。")).isEqualTo("你好。");
    }

    @Test
    void anExtraSpaceFollowsASingleByteLastCharacter() {
        assertThat(ReferenceText.withTrailingSpace("Hello. ")).isEqualTo("Hello.  ");
        assertThat(ReferenceText.withTrailingSpace("你好。")).isEqualTo("你好。");
    }
}
