package org.voicequeue.api.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.voicequeue.api.job.SubmissionRulesFixture;
import org.voicequeue.api.system.FieldProblem;
import org.voicequeue.api.system.RequestValidationException;
import org.voicequeue.api.system.WireJson;
import org.voicequeue.model.job.JobParams;

/** A batch is checked whole before anything is created; bad item fields are named by index. */
class BatchValidatorTests {
    private static final String TRANSCRIPT = "Some call me nature, others call me mother nature.";
    private final BatchProperties properties =
            new BatchProperties(4, 5, 10_000, org.springframework.util.unit.DataSize.ofMegabytes(256), "g", 1);
    private final BatchValidator validator =
            new BatchValidator(SubmissionRulesFixture.rules(), new WireJson(), properties);

    @Test
    void itemsTakeTheBatchParametersUnlessTheyNameTheirOwn() {
        ValidBatch batch = validator.validate(
                "ann",
                form(
                        "[{\"text\":\"One\"},{\"text\":\"Two\",\"speed\":1.5," + "\"seed\":\"7\",\"id\":\"b\"}]",
                        "0.8",
                        "true",
                        "250"));

        assertThat(batch.items()).hasSize(2);
        assertThat(batch.items().get(0).params().speed()).isEqualTo(0.8);
        assertThat(batch.items().get(0).id()).isNull();
        assertThat(batch.items().get(1).params().speed()).isEqualTo(1.5);
        assertThat(batch.items().get(1).params().seed()).isEqualTo(7L);
        assertThat(batch.items().get(1).id()).isEqualTo("b");
        assertThat(batch.join()).isTrue();
        assertThat(batch.pauseMs()).isEqualTo(250);
        assertThat(batch.reference().text()).isEqualTo(TRANSCRIPT);
    }

    @Test
    void everyBadItemFieldIsNamedByItsIndexInOneAnswer() {
        String items = "[{\"text\":\"ok\"},{\"text\":\"\"},{\"text\":\"x\",\"nfe_steps\":2},"
                + "{\"text\":\"y\",\"voice\":\"z\"},\"not an object\"]";

        assertThatThrownBy(() -> validator.validate("ann", form(items, null, null, null)))
                .isInstanceOfSatisfying(
                        RequestValidationException.class,
                        e -> assertThat(e.problems().stream().map(FieldProblem::field))
                                .containsExactlyInAnyOrder(
                                        "items[1].text", "items[2].nfe_steps", "items[3].voice", "items[4]"));
    }

    @Test
    void itemsMustBeAJsonArrayOfAtMostTheLimit() {
        for (String items : new String[] {
            null,
            "",
            "{}",
            "[]",
            "[1,",
            "[{\"text\":\"a\"},{\"text\":\"a\"},"
                    + "{\"text\":\"a\"},{\"text\":\"a\"},{\"text\":\"a\"},{\"text\":\"a\"}]"
        }) {
            assertThatThrownBy(() -> validator.validate("ann", form(items, null, null, null)))
                    .as(String.valueOf(items))
                    .isInstanceOfSatisfying(
                            RequestValidationException.class,
                            e -> assertThat(e.problems().stream().map(FieldProblem::field))
                                    .containsExactly("items"));
        }
    }

    @Test
    void repeatedItemIdsJoinAndPauseAreChecked() {
        String items = "[{\"text\":\"a\",\"id\":\"x\"},{\"text\":\"b\",\"id\":\"x\"}]";

        assertThatThrownBy(() -> validator.validate("ann", form(items, "5", "maybe", "-1")))
                .isInstanceOfSatisfying(
                        RequestValidationException.class,
                        e -> assertThat(e.problems().stream().map(FieldProblem::field))
                                .containsExactlyInAnyOrder("items[1].id", "speed", "join", "pause_ms"));
    }

    @Test
    void mergeKeepsTheBatchValueOfEveryParameterTheItemDoesNotName() {
        JobParams shared = new JobParams(0.9, 16, 3.0, 0.5, 11L, "wav");
        JobParams own = new JobParams(2.0, 8, 2.0, -1.0, null, "wav");

        JobParams merged = BatchValidator.merge(shared, own, Set.of("speed", "nfe_steps"));

        assertThat(merged).isEqualTo(new JobParams(2.0, 8, 3.0, 0.5, 11L, "wav"));
    }

    private static BatchForm form(String items, String speed, String join, String pauseMs) {
        return new BatchForm(
                SubmissionRulesFixture.speechLikeWav(3),
                null,
                TRANSCRIPT,
                items,
                null,
                speed,
                null,
                null,
                null,
                null,
                null,
                join,
                pauseMs,
                null,
                null,
                null);
    }
}
