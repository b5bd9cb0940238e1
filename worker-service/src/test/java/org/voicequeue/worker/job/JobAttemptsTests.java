package org.voicequeue.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voicequeue.model.job.JobParams;
import org.voicequeue.model.job.JobSubmitted;
import org.voicequeue.worker.storage.ReferenceAudioMissingException;
import org.voicequeue.worker.storage.ReferenceAudioStore;
import org.voicequeue.worker.synthesis.SynthesisException;
import org.voicequeue.worker.synthesis.SynthesisListener;
import org.voicequeue.worker.system.WorkerProperties;
import org.voicequeue.worker.testing.DeterministicSynthesizer;
import org.voicequeue.worker.testing.TestAudio;

class JobAttemptsTests {
    private final ReferenceAudioStore audio = mock(ReferenceAudioStore.class);
    private final RedisJobStore store = mock(RedisJobStore.class);
    private final DeterministicSynthesizer synthesizer = new DeterministicSynthesizer(2);
    private final JobAttempts attempts = new JobAttempts(audio, synthesizer, store, properties());

    @BeforeEach
    void referenceAudioIsThere() throws Exception {
        when(audio.fetch(anyString())).thenReturn(TestAudio.wav(1, 16_000));
        when(store.nextAttempt(anyString(), anyString())).thenReturn(2L, 3L, 4L);
    }

    @Test
    void aRetryableFailureIsRetriedAndEachRetryIsCounted() throws Exception {
        assertThat(attempts.synthesize(aJob("ok after two [flaky=2]", "F5-TTS"), 1, SynthesisListener.NONE)
                        .samples())
                .isNotEmpty();

        verify(store, times(2)).nextAttempt("job_1", "test-worker");
    }

    @Test
    void retryableFailuresBeyondMaxAttemptsEndAsRetriesExhausted() {
        assertThatExceptionOfType(SynthesisException.class)
                .isThrownBy(() -> attempts.synthesize(aJob("never [flaky=9]", "F5-TTS"), 1, SynthesisListener.NONE))
                .satisfies(e -> assertThat(e.code()).isEqualTo("retries_exhausted"))
                .satisfies(e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void aJobTakenOverOnItsLastAttemptIsNotRetriedAgain() {
        assertThatExceptionOfType(SynthesisException.class)
                .isThrownBy(() -> attempts.synthesize(aJob("flaky [flaky=1]", "F5-TTS"), 3, SynthesisListener.NONE))
                .satisfies(e -> assertThat(e.code()).isEqualTo("retries_exhausted"));
        verify(store, never()).nextAttempt(anyString(), anyString());
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        assertThatExceptionOfType(SynthesisException.class)
                .isThrownBy(() -> attempts.synthesize(aJob("hi", "NOPE-TTS"), 1, SynthesisListener.NONE))
                .satisfies(e -> assertThat(e.code()).isEqualTo("unknown_model"));
        verify(store, never()).nextAttempt(anyString(), anyString());
    }

    @Test
    void aMissingReferenceAudioIsPermanent() throws Exception {
        when(audio.fetch(anyString())).thenThrow(new ReferenceAudioMissingException("k"));

        assertThatExceptionOfType(SynthesisException.class)
                .isThrownBy(() -> attempts.synthesize(aJob("hi", "F5-TTS"), 1, SynthesisListener.NONE))
                .satisfies(e -> assertThat(e.code()).isEqualTo("reference_audio_missing"));
    }

    @Test
    void bytesThatAreNotAudioArePermanentInvalidAudio() throws Exception {
        when(audio.fetch(anyString())).thenReturn("nope".getBytes());

        assertThatExceptionOfType(SynthesisException.class)
                .isThrownBy(() -> attempts.synthesize(aJob("hi", "F5-TTS"), 1, SynthesisListener.NONE))
                .satisfies(e -> assertThat(e.code()).isEqualTo("invalid_audio"));
    }

    @Test
    void aLostLeaseBetweenAttemptsStopsTheRetries() {
        when(store.nextAttempt(anyString(), anyString())).thenReturn(-1L);

        assertThatExceptionOfType(JobAttempts.LeaseLostException.class)
                .isThrownBy(() -> attempts.synthesize(aJob("x [flaky=1]", "F5-TTS"), 1, SynthesisListener.NONE));
    }

    private static JobSubmitted aJob(String text, String model) {
        return new JobSubmitted(
                1,
                "job_1",
                "owner",
                model,
                "reference-audio/sha256/ab",
                "ref",
                text,
                JobParams.defaults(),
                Instant.now(),
                null);
    }

    private static WorkerProperties properties() {
        return new WorkerProperties(
                new WorkerProperties.Worker("test-worker", Duration.ofSeconds(1)),
                new WorkerProperties.Lease(Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(1)),
                new WorkerProperties.Heartbeat(Duration.ofSeconds(5), Duration.ofSeconds(15)),
                new WorkerProperties.Retry(3, Duration.ofMillis(1), 2.0, Duration.ofMillis(10)),
                new WorkerProperties.Progress(Duration.ofMillis(250), 0.05, Duration.ofMillis(200)),
                Duration.ofHours(24),
                new WorkerProperties.Storage("http://127.0.0.1:9000", "", "", "bucket", "us-east-1"),
                new WorkerProperties.Kafka("group", 12, (short) 1, Duration.ofMillis(500)),
                new WorkerProperties.Batching(1));
    }
}
