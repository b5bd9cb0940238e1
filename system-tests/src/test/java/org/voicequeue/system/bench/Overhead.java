package org.voicequeue.system.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the server timestamps of a set of finished jobs into overhead figures. With one worker running jobs one after
 * another, {@code completed − created} of the 50th job is mostly the 49 syntheses before it, so the raw figure says
 * how deep the queue was, not what the platform costs. The figures, per job:
 * <ul>
 *   <li>{@code raw} = (completed − created) − synthesis: the formula, queueing included;
 *   <li>{@code worker_side} = (completed − started) − synthesis: claim, lease, started event, WAV encode, final write;
 *   <li>{@code handoff_gap} = started − max(created, completed of the job the worker ran before): how long a job that
 *       could run waited for the worker to pick it up (the first job: intake → Kafka → worker pick-up);
 *   <li>{@code own} = handoff_gap + worker_side: what the platform adds to this job itself — the honest per-job figure;
 *   <li>{@code accumulated} = raw − the other jobs' synthesis time while this one waited: this job's own overhead plus
 *       the overhead of every job ahead of it (grows with queue depth on a single worker).
 * </ul>
 * {@code synthesis_seconds} is the worker's clock around fetch + decode + engine, so the S3 read of the reference is
 * inside synthesis, not overhead.
 */
final class Overhead {
    private Overhead() {}

    static ObjectNode analyse(
            List<PlatformBench.JobTimes> jobs, int n, boolean sequential, int nfe, double clipSeconds) {
        List<PlatformBench.JobTimes> ok = new ArrayList<>();
        for (PlatformBench.JobTimes job : jobs) {
            if ("succeeded".equals(job.status())
                    && job.started() != null
                    && job.completed() != null
                    && job.synthesisSeconds() >= 0) {
                ok.add(job);
            }
        }
        ok.sort(Comparator.comparing(PlatformBench.JobTimes::started));
        int m = ok.size();
        double[] raw = new double[m];
        double[] workerSide = new double[m];
        double[] gap = new double[m];
        double[] own = new double[m];
        double[] accumulated = new double[m];
        double[] queue = new double[m];
        double[] synth = new double[m];
        double[] e2e = new double[m];
        for (int i = 0; i < m; i++) {
            PlatformBench.JobTimes job = ok.get(i);
            double s = job.synthesisSeconds() * 1000;
            synth[i] = s;
            e2e[i] = ms(job.created(), job.completed());
            raw[i] = e2e[i] - s;
            queue[i] = ms(job.created(), job.started());
            workerSide[i] = ms(job.started(), job.completed()) - s;
            Instant ready = job.created();
            if (i > 0
                    && ok.get(i - 1).completed().isAfter(ready)
                    && !ok.get(i - 1).completed().isAfter(job.started())) {
                ready = ok.get(i - 1).completed();
            }
            gap[i] = ms(ready, job.started());
            own[i] = gap[i] + workerSide[i];
            double others = 0;
            for (int j = 0; j < m; j++) {
                if (j != i) {
                    PlatformBench.JobTimes other = ok.get(j);
                    Instant from = other.started();
                    Instant to = from.plusNanos((long) (other.synthesisSeconds() * 1e9));
                    others += overlapMs(from, to, job.created(), job.started());
                }
            }
            accumulated[i] = raw[i] - others;
        }
        ObjectNode result = PlatformBench.object();
        result.put("jobs", n);
        result.put("succeeded", m);
        result.put("mode", sequential ? "one at a time" : n + " submitted at once");
        result.put("nfe_steps", nfe);
        result.put("reference_clip_seconds", clipSeconds);
        if (m > 0) {
            Instant first = ok.stream()
                    .map(PlatformBench.JobTimes::created)
                    .min(Comparator.naturalOrder())
                    .get();
            Instant last = ok.stream()
                    .map(PlatformBench.JobTimes::completed)
                    .max(Comparator.naturalOrder())
                    .get();
            double makespan = ms(first, last) / 1000;
            result.put("makespan_seconds", PlatformBench.round(makespan, 3));
            result.put("jobs_per_second", PlatformBench.round(m / makespan, 2));
        }
        ObjectNode figures = result.putObject("ms");
        figures.set("synthesis", Stats.of(synth).json());
        figures.set("completed_minus_created", Stats.of(e2e).json());
        figures.set("queue_wait", Stats.of(queue).json());
        figures.set("raw_overhead", Stats.of(raw).json());
        figures.set("worker_side", Stats.of(workerSide).json());
        figures.set("handoff_gap", Stats.of(gap).json());
        figures.set("own_overhead", Stats.of(own).json());
        figures.set("accumulated_overhead", Stats.of(accumulated).json());
        return result;
    }

    private static double ms(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static double overlapMs(Instant aFrom, Instant aTo, Instant bFrom, Instant bTo) {
        Instant from = aFrom.isAfter(bFrom) ? aFrom : bFrom;
        Instant to = aTo.isBefore(bTo) ? aTo : bTo;
        return to.isAfter(from) ? ms(from, to) : 0;
    }
}
