package org.voicequeue.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PassedClipsTests {

    @Test
    void anAddedHashIsKnownAndAnotherIsNot() {
        PassedClips clips = new PassedClips(2);
        clips.add("a");

        assertThat(clips.contains("a")).isTrue();
        assertThat(clips.contains("b")).isFalse();
    }

    @Test
    void beyondItsCapacityTheLeastRecentlyUsedHashIsForgotten() {
        PassedClips clips = new PassedClips(2);
        clips.add("a");
        clips.add("b");
        assertThat(clips.contains("a")).isTrue(); // a is now more recently used than b

        clips.add("c");

        assertThat(clips.contains("a")).isTrue();
        assertThat(clips.contains("b")).isFalse();
        assertThat(clips.contains("c")).isTrue();
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new PassedClips(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
