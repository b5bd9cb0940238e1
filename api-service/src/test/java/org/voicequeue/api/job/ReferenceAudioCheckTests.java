package org.voicequeue.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.voicequeue.api.system.FieldProblem;
import org.voicequeue.api.system.VoiceQueueProperties;
import org.voicequeue.model.job.ErrorCodes;

class ReferenceAudioCheckTests {
    private final ReferenceAudioCheck check =
            new ReferenceAudioCheck(new Binder(new MapConfigurationPropertySource(Map.of()))
                    .bindOrCreate("voicequeue", VoiceQueueProperties.class));

    @Test
    void aClipWithSpeechPassesEveryTime() {
        byte[] clip = SubmissionRulesFixture.speechLikeWav(3);
        String sha256 = Hashing.sha256Hex(clip);
        List<FieldProblem> problems = new ArrayList<>();

        assertThat(check.passes(clip, sha256, problems)).isTrue();
        assertThat(check.passes(clip, sha256, problems)).isTrue();
        assertThat(problems).isEmpty();
    }

    @Test
    void aClipThatPassedIsKnownByItsHashAndNotDecodedAgain() {
        byte[] clip = SubmissionRulesFixture.speechLikeWav(3);
        String sha256 = Hashing.sha256Hex(clip);
        check.passes(clip, sha256, new ArrayList<>());
        List<FieldProblem> problems = new ArrayList<>();

        // bytes that would not decode, under the hash of the clip that passed: the remembered verdict answers
        assertThat(check.passes(new byte[] {1, 2, 3}, sha256, problems)).isTrue();
        assertThat(problems).isEmpty();
    }

    @Test
    void aClipThatFailedFailsAgainWithTheSameProblem() {
        byte[] silence = SubmissionRulesFixture.speechLikeWav(0.5);
        String sha256 = Hashing.sha256Hex(silence);
        List<FieldProblem> first = new ArrayList<>();
        List<FieldProblem> second = new ArrayList<>();

        assertThat(check.passes(silence, sha256, first)).isFalse();
        assertThat(check.passes(silence, sha256, second)).isFalse();
        assertThat(first).hasSize(1).isEqualTo(second);
        assertThat(first.get(0).field()).isEqualTo("reference_audio");
        assertThat(first.get(0).code()).isEqualTo(ErrorCodes.INVALID_AUDIO);
    }

    @Test
    void bytesThatAreNotAudioFailEvenUnderAnUnknownHash() {
        List<FieldProblem> problems = new ArrayList<>();

        assertThat(check.passes(new byte[] {1, 2, 3}, "0".repeat(64), problems)).isFalse();
        assertThat(problems).extracting(FieldProblem::field).containsExactly("reference_audio");
    }
}
