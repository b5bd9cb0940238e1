package org.voicequeue.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.voicequeue.api.system.RequestValidationException;

class IdempotencyTests {
    private final InMemoryRecords records = new InMemoryRecords();
    private final Idempotency idempotency = new Idempotency(records);

    @Test
    void withoutAKeyEverySubmissionCreatesItsJob() {
        assertThat(idempotency.reserve("ann", null, "hash-a", "job_1"))
                .isEqualTo(new Idempotency.Decision.Create("job_1"));
        assertThat(idempotency.reserve("ann", null, "hash-a", "job_2"))
                .isEqualTo(new Idempotency.Decision.Create("job_2"));
        assertThat(records.values).isEmpty();
    }

    @Test
    void theFirstUseOfAKeyReservesItForTwentyFourHours() {
        Idempotency.Decision decision = idempotency.reserve("ann", "k1", "hash-a", "job_1");

        assertThat(decision).isEqualTo(new Idempotency.Decision.Create("job_1"));
        assertThat(records.values).containsEntry("ann/k1", "hash-a job_1");
        assertThat(records.lastTtl).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void theSameKeyWithTheSameRequestReplaysTheOriginalJob() {
        idempotency.reserve("ann", "k1", "hash-a", "job_1");

        assertThat(idempotency.reserve("ann", "k1", "hash-a", "job_2"))
                .isEqualTo(new Idempotency.Decision.Replay("job_1"));
    }

    @Test
    void theSameKeyWithADifferentRequestIsAConflict() {
        idempotency.reserve("ann", "k1", "hash-a", "job_1");

        assertThatThrownBy(() -> idempotency.reserve("ann", "k1", "hash-b", "job_2"))
                .isInstanceOf(IdempotencyConflictException.class);
    }

    @Test
    void keysAreSeparatePerOwner() {
        idempotency.reserve("ann", "k1", "hash-a", "job_1");

        assertThat(idempotency.reserve("bob", "k1", "hash-b", "job_2"))
                .isEqualTo(new Idempotency.Decision.Create("job_2"));
    }

    @Test
    void aReleasedKeyCanBeUsedAgain() {
        idempotency.reserve("ann", "k1", "hash-a", "job_1");
        idempotency.release("ann", "k1", "hash-a", "job_1");

        assertThat(idempotency.reserve("ann", "k1", "hash-b", "job_2"))
                .isEqualTo(new Idempotency.Decision.Create("job_2"));
    }

    @Test
    void releasingDoesNotRemoveAnotherRequestsReservation() {
        idempotency.reserve("ann", "k1", "hash-a", "job_1");
        idempotency.release("ann", "k1", "hash-b", "job_9");

        assertThat(records.values).containsEntry("ann/k1", "hash-a job_1");
    }

    @Test
    void anUnusableKeyIsABadRequestNamingTheHeader() {
        assertThatThrownBy(() -> idempotency.reserve("ann", "has space", "hash-a", "job_1"))
                .isInstanceOfSatisfying(
                        RequestValidationException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .extracting("field")
                                .isEqualTo("Idempotency-Key"));
        assertThatThrownBy(() -> idempotency.reserve("ann", "k".repeat(256), "hash-a", "job_1"))
                .isInstanceOf(RequestValidationException.class);
    }

    @Test
    void theFingerprintCoversEveryFieldAndTheAudio() {
        JobSubmissionForm form = JobParamsParserTests.aForm("1.0", null, null, null, null, null);
        JobSubmissionForm sameAgain = JobParamsParserTests.aForm("1.0", null, null, null, null, null);
        JobSubmissionForm otherSpeed = JobParamsParserTests.aForm("1.1", null, null, null, null, null);
        JobSubmissionForm otherAudio = new JobSubmissionForm(
                new byte[] {2}, null, "ref", "hello", null, "1.0", null, null, null, null, null, null, null, null);

        assertThat(form.fingerprint()).isEqualTo(sameAgain.fingerprint()).hasSize(64);
        assertThat(form.fingerprint()).isNotEqualTo(otherSpeed.fingerprint()).isNotEqualTo(otherAudio.fingerprint());
    }

    @Test
    void theFingerprintWithTheAudioHashFromValidationIsTheSameAsWithout() {
        JobSubmissionForm form = JobParamsParserTests.aForm("1.0", null, null, null, null, null);
        String audioHash = Hashing.sha256Hex(form.referenceAudio());

        assertThat(form.fingerprint(audioHash)).isEqualTo(form.fingerprint());
    }

    @Test
    void theFingerprintTellsAnEmptyFieldFromAnAbsentOne() {
        JobSubmissionForm absent = JobParamsParserTests.aForm(null, null, null, null, null, null);
        JobSubmissionForm empty = JobParamsParserTests.aForm("", null, null, null, null, null);

        assertThat(absent.fingerprint()).isNotEqualTo(empty.fingerprint());
    }

    /** The port's contract, in memory. */
    static final class InMemoryRecords implements IdempotencyRecords {
        final Map<String, String> values = new HashMap<>();
        Duration lastTtl;

        @Override
        public Optional<String> putIfAbsent(String owner, String key, String value, Duration ttl) {
            lastTtl = ttl;
            String existing = values.putIfAbsent(owner + "/" + key, value);
            return Optional.ofNullable(existing);
        }

        @Override
        public void removeIfEquals(String owner, String key, String value) {
            values.remove(owner + "/" + key, value);
        }
    }
}
