package org.voicequeue.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.voicequeue.model.job.JobParams;
import org.voicequeue.model.job.JobSubmitted;

class JobJsonTests {
    private static final String SUBMITTED = """
            {"schema_version":1,"job_id":"job_01J0000000000000000000000A","owner":"o","model":"F5-TTS",
             "reference_audio_key":"reference-audio/sha256/ab","reference_text":"hi","text":"hello",
             "params":{"speed":1.0,"nfe_steps":16,"cfg_strength":2.0,"sway_sampling_coef":-1.0,"seed":7,
                       "output_format":"wav"},
             "submitted_at":"2025-01-02T03:04:05.678Z","batch_id":null,"a_future_field":true}""";

    @Test
    void aSnakeCaseSubmissionAsTheApiWritesItIsRead() throws Exception {
        JobSubmitted job = JobJson.readSubmitted(SUBMITTED.getBytes(StandardCharsets.UTF_8));

        assertThat(job.jobId()).isEqualTo("job_01J0000000000000000000000A");
        assertThat(job.referenceAudioKey()).isEqualTo("reference-audio/sha256/ab");
        assertThat(job.params()).isEqualTo(new JobParams(1.0, 16, 2.0, -1.0, 7L, "wav"));
        assertThat(job.submittedAt()).isEqualTo(Instant.parse("2025-01-02T03:04:05.678Z"));
    }

    @Test
    void garbageAnUnsupportedSchemaAndOutOfRangeParametersAreUnreadable() {
        for (String poison : new String[] {
            "{not json",
            "",
            "null",
            "[]",
            SUBMITTED.replace("\"schema_version\":1", "\"schema_version\":99"),
            SUBMITTED.replace("\"nfe_steps\":16", "\"nfe_steps\":1000"),
            SUBMITTED.replace("\"job_id\":\"job_01J0000000000000000000000A\",", "")
        }) {
            assertThatExceptionOfType(JobJson.UnreadableJobException.class)
                    .as(poison)
                    .isThrownBy(() -> JobJson.readSubmitted(poison.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
