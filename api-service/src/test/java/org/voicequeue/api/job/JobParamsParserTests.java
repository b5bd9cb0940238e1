package org.voicequeue.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.voicequeue.api.system.FieldProblem;
import org.voicequeue.model.job.JobParams;

class JobParamsParserTests {

    @Test
    void absentFieldsGiveTheDocumentedDefaults() {
        List<FieldProblem> problems = new ArrayList<>();

        JobParams params = JobParamsParser.parse(aForm(null, null, null, null, null, null), problems);

        assertThat(problems).isEmpty();
        assertThat(params).isEqualTo(JobParams.defaults());
    }

    @Test
    void validValuesAreParsed() {
        List<FieldProblem> problems = new ArrayList<>();

        JobParams params = JobParamsParser.parse(aForm("1.5", "16", "3", "0.5", "42", "wav"), problems);

        assertThat(problems).isEmpty();
        assertThat(params).isEqualTo(new JobParams(1.5, 16, 3.0, 0.5, 42L, "wav"));
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource({
        "speed, 9, must be between 0.1 and 3.0",
        "speed, 0.05, must be between 0.1 and 3.0",
        "speed, fast, must be a number",
        "speed, NaN, must be a number",
        "nfe_steps, 65, must be between 4 and 64",
        "nfe_steps, 3, must be between 4 and 64",
        "nfe_steps, 8.5, must be an integer",
        "cfg_strength, 11, must be between 0 and 10",
        "sway_sampling_coef, 1.5, must be between -1.0 and 1.0",
        "seed, -1, must be a non-negative integer",
        "seed, x, must be a non-negative integer",
        "output_format, mp3, only 'wav' is supported"
    })
    void outOfRangeOrMalformedValuesAreNamedByTheirWireField(String field, String value, String message) {
        List<FieldProblem> problems = new ArrayList<>();

        JobParams params = JobParamsParser.parse(formWith(field, value), problems);

        assertThat(params).isNull();
        assertThat(problems).containsExactly(FieldProblem.of(field, message));
    }

    @Test
    void everyBadFieldIsReportedNotJustTheFirst() {
        List<FieldProblem> problems = new ArrayList<>();

        JobParamsParser.parse(aForm("9", "2", "-1", "2", "-5", "ogg"), problems);

        assertThat(problems)
                .extracting(FieldProblem::field)
                .containsExactlyInAnyOrder(
                        "speed", "nfe_steps", "cfg_strength", "sway_sampling_coef", "seed", "output_format");
    }

    private static JobSubmissionForm formWith(String field, String value) {
        return aForm(
                field.equals("speed") ? value : null,
                field.equals("nfe_steps") ? value : null,
                field.equals("cfg_strength") ? value : null,
                field.equals("sway_sampling_coef") ? value : null,
                field.equals("seed") ? value : null,
                field.equals("output_format") ? value : null);
    }

    static JobSubmissionForm aForm(String speed, String nfe, String cfg, String sway, String seed, String format) {
        return new JobSubmissionForm(
                new byte[] {1}, null, "ref", "hello", null, speed, nfe, cfg, sway, seed, format, null, null, null);
    }
}
