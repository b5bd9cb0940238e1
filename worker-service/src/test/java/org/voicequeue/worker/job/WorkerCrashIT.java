package org.voicequeue.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voicequeue.model.job.JobSubmitted;
import org.voicequeue.model.redis.JobFields;
import org.voicequeue.worker.testing.DeterministicSynthesizer;
import org.voicequeue.worker.testing.JobFixtures;
import org.voicequeue.worker.testing.KafkaFixture;
import org.voicequeue.worker.testing.TestWorker;
import org.voicequeue.worker.testing.WorkerTestMain;

/** A worker process killed mid-job (no shutdown hook, no hand-back): another worker finishes the job. */
class WorkerCrashIT {
    private final KafkaFixture kafka = new KafkaFixture();
    private final JobFixtures jobs = new JobFixtures(kafka);
    private Process victim;
    private TestWorker survivor;

    @AfterEach
    void cleanUp() {
        if (victim != null) {
            victim.destroyForcibly();
        }
        if (survivor != null) {
            survivor.close();
        }
        jobs.close();
        kafka.close();
    }

    @Test
    void aJobOfAKilledWorkerProcessIsFinishedByAnotherWorkerAfterTheLeaseLapses() throws Exception {
        String group = kafka.freshGroupAtEnd();
        victim = spawnWorker(TestWorker.properties("crash-victim", group));
        JobSubmitted job = jobs.aQueuedJob("Interrupted by a crash [step-ms=1000]");
        jobs.publish(job);
        await().atMost(Duration.ofSeconds(120)).until(() -> "crash-victim".equals(worker(job)));
        await().atMost(Duration.ofSeconds(30)).until(() -> progress(job) > 0);

        survivor = TestWorker.start(TestWorker.properties("crash-survivor", group), new DeterministicSynthesizer(4));
        victim.destroyForcibly().waitFor();

        await().atMost(Duration.ofSeconds(90))
                .until(() -> jobs.status(job.jobId()).equals("succeeded"));
        assertThat(jobs.job(job.jobId()))
                .containsEntry(JobFields.WORKER, "crash-survivor")
                .containsEntry(JobFields.ATTEMPTS, "2");
        assertThat(survivor.synthesizer().synthesisCount(job.jobId())).isEqualTo(1);
    }

    private String worker(JobSubmitted job) {
        Object worker = jobs.job(job.jobId()).get(JobFields.WORKER);
        return worker == null ? "" : worker.toString();
    }

    private double progress(JobSubmitted job) {
        Object progress = jobs.job(job.jobId()).get(JobFields.PROGRESS);
        return progress == null ? 0 : Double.parseDouble(progress.toString());
    }

    /** A real second JVM from this test's class path, so that killing it is a real crash. */
    private static Process spawnWorker(Map<String, String> properties) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), WorkerTestMain.class.getName()));
        File log = Path.of("target", "crash-victim.log").toFile();
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        // settings (the S3 secret among them) travel in the environment, not on a visible command line
        builder.environment().put("SPRING_APPLICATION_JSON", JobFixtures.WIRE_JSON.writeValueAsString(properties));
        return builder.start();
    }
}
