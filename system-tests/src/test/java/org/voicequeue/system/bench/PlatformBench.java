package org.voicequeue.system.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Load driver for the platform overhead issue: pushes jobs through the real local stack (api-service → S3 → Redis →
 * Kafka → worker) and reports intake throughput and per-job overhead, i.e. what the platform adds to the synthesis.
 *
 * <p>Phases: {@code intake} (M submissions of the same 10 s clip, C clients: submits/s and POST latency),
 * {@code distinct} (the same with a different clip per job, so every upload is decoded, hashed and stored),
 * {@code overhead} (N jobs at once, nfe 4, short text; every timestamp read from the job resource at the end),
 * {@code sequential} (one job at a time: overhead with no queue at all). Intake jobs are canceled right after the
 * phase and drained before the next, so a phase never measures the backlog of the one before.
 *
 * <p>Run by {@code scripts/bench-platform.sh}; {@code --help} lists the options. Prints a JSON report on stdout.
 */
public final class PlatformBench {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final Options options;
    private final HttpClient http;
    private final RssSampler rss;
    private final WorkerBacklog backlog;

    private PlatformBench(Options options) {
        this.options = options;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4, daemon("http")))
                .build();
        this.rss = new RssSampler(options.pids);
        this.backlog = new WorkerBacklog(options.kafka);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options == null) {
            System.err.println(Options.HELP);
            System.exit(2);
            return;
        }
        ObjectNode report = new PlatformBench(options).run();
        String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        if (options.out != null) {
            Files.writeString(options.out, text);
        }
        System.out.println(text);
        System.exit(0);
    }

    private ObjectNode run() throws Exception {
        ObjectNode report = JSON.createObjectNode();
        report.put("api", options.api.toString());
        report.put("started_at", Instant.now().toString());
        report.put("processors", Runtime.getRuntime().availableProcessors());
        report.set("rss_before", rss.snapshot());
        rss.start();
        warmUp();
        for (String phase : options.phases) {
            log("phase " + phase);
            ObjectNode result = switch (phase) {
                case "intake" -> intake(false);
                case "distinct" -> intake(true);
                case "overhead" -> overhead(options.overheadJobs, false);
                case "sequential" -> overhead(options.sequentialJobs, true);
                default -> throw new IllegalArgumentException("unknown phase " + phase);
            };
            report.set(phase, result);
        }
        rss.stop();
        report.set("rss_after", rss.snapshot());
        report.set("rss_peak_sampled_mib", rss.peaks());
        report.put("finished_at", Instant.now().toString());
        return report;
    }

    /** JIT, connections, bucket check and the reference object: nothing of this belongs in a figure. */
    private void warmUp() throws Exception {
        byte[] body = Multipart.job(Clips.wav(2.0, 24000, 99), options.shortText, 4, 1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(submit(body).id());
        }
        awaitTerminal(ids, Duration.ofSeconds(120));
        drain();
    }

    /** Every record on the jobs topic handled (canceled jobs included): the next phase starts on an idle worker. */
    private void drain() throws Exception {
        long t0 = System.nanoTime();
        backlog.awaitEmpty(Duration.ofSeconds(900));
        log(String.format(Locale.ROOT, "worker backlog drained in %.1f s", (System.nanoTime() - t0) / 1e9));
    }

    // ------------------------------------------------------------------ intake

    private ObjectNode intake(boolean distinct) throws Exception {
        int jobs = distinct ? options.distinctJobs : options.intakeJobs;
        List<byte[]> bodies = new ArrayList<>();
        byte[] shared = Multipart.job(Clips.wav(options.clipSeconds, 24000, 1), options.shortText, 4, 1);
        for (int i = 0; i < (distinct ? jobs : 1); i++) {
            bodies.add(
                    distinct
                            ? Multipart.job(
                                    Clips.wav(options.clipSeconds, 24000, 1000 + i + System.nanoTime()),
                                    options.shortText,
                                    4,
                                    1)
                            : shared);
        }
        ExecutorService clients = Executors.newFixedThreadPool(options.clients, daemon("client"));
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[jobs];
        String[] ids = new String[jobs];
        int[] statuses = new int[jobs];
        List<Future<?>> done = new ArrayList<>();
        Map<String, Double> cpuBefore = rss.cpuSeconds();
        long t0 = System.nanoTime();
        for (int c = 0; c < options.clients; c++) {
            done.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < jobs; i = next.getAndIncrement()) {
                    long start = System.nanoTime();
                    Submitted answer = submit(bodies.get(distinct ? i : 0));
                    latencies[i] = System.nanoTime() - start;
                    ids[i] = answer.id();
                    statuses[i] = answer.status();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        clients.shutdown();
        ObjectNode result = JSON.createObjectNode();
        result.put("jobs", jobs);
        result.put("clients", options.clients);
        result.put("clip_seconds", options.clipSeconds);
        result.put("body_bytes", bodies.get(0).length);
        result.put("distinct_clips", distinct);
        result.put("wall_seconds", round(seconds, 3));
        result.put("submits_per_second", round(jobs / seconds, 1));
        long accepted = java.util.Arrays.stream(statuses).filter(s -> s == 202).count();
        result.put("accepted", accepted);
        result.set("post_latency_ms", Stats.of(millis(latencies)).json());
        // the worker runs (and then skips) intake jobs meanwhile; the api-service figure is the intake cost
        result.set("cpu_ms_per_submit", rss.cpuPerJob(cpuBefore, jobs));
        result.set("rss_now", rss.snapshot());
        // drain: the worker must not still chew on this phase's jobs when the next one is measured
        List<String> created = new ArrayList<>();
        for (String id : ids) {
            if (id != null) {
                created.add(id);
                send(HttpRequest.newBuilder(options.api.resolve("/v1/jobs/" + id))
                        .DELETE());
            }
        }
        awaitTerminal(created, Duration.ofSeconds(600));
        long drainStart = System.nanoTime();
        drain();
        // the worker skips a canceled job's record: this is pure hand-off cost per record
        result.put("drain_seconds_canceled_records", round((System.nanoTime() - drainStart) / 1e9, 2));
        return result;
    }

    // ------------------------------------------------------------------ overhead

    private ObjectNode overhead(int jobs, boolean sequential) throws Exception {
        byte[] body =
                Multipart.job(Clips.wav(options.overheadClipSeconds, 24000, 7), options.shortText, options.nfeSteps, 7);
        List<String> ids = new ArrayList<>();
        Map<String, Double> cpuBefore = rss.cpuSeconds();
        if (sequential) {
            for (int i = 0; i < jobs; i++) {
                String id = submit(body).id();
                ids.add(id);
                awaitTerminal(List.of(id), Duration.ofSeconds(120));
            }
        } else {
            ExecutorService clients = Executors.newFixedThreadPool(Math.min(jobs, 50), daemon("client"));
            List<Future<String>> submitted = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                submitted.add(clients.submit(() -> submit(body).id()));
            }
            for (Future<String> f : submitted) {
                ids.add(f.get());
            }
            clients.shutdown();
            awaitTerminal(ids, Duration.ofSeconds(900));
        }
        drain();
        List<JobTimes> times = new ArrayList<>();
        for (String id : ids) {
            times.add(JobTimes.of(get("/v1/jobs/" + id)));
        }
        ObjectNode result = Overhead.analyse(times, jobs, sequential, options.nfeSteps, options.overheadClipSeconds);
        result.set("cpu_ms_per_job", rss.cpuPerJob(cpuBefore, jobs));
        return result;
    }

    // ------------------------------------------------------------------ HTTP

    record Submitted(int status, String id) {}

    private Submitted submit(byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(options.api.resolve("/v1/jobs"))
                .header("Content-Type", "multipart/form-data; boundary=" + Multipart.BOUNDARY)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> response = send(request);
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST /v1/jobs answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return new Submitted(
                response.statusCode(), JSON.readTree(response.body()).path("id").asString());
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response =
                send(HttpRequest.newBuilder(options.api.resolve(path)).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Waits by reading one unfinished job at a time, oldest first, every 200 ms: light on the API (the figures come
     * from the server's timestamps, so how fast we notice does not matter).
     */
    private void awaitTerminal(List<String> ids, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String id : ids) {
            while (true) {
                String status = get("/v1/jobs/" + id).path("status").asString();
                if (status.equals("succeeded") || status.equals("failed") || status.equals("canceled")) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("job " + id + " still " + status + " after " + timeout);
                }
                Thread.sleep(200);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    static double[] millis(long[] nanos) {
        double[] ms = new double[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            ms[i] = nanos[i] / 1e6;
        }
        return ms;
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    static void log(String message) {
        System.err.printf(Locale.ROOT, "[bench %s] %s%n", Instant.now(), message);
    }

    /** Command-line options. */
    static final class Options {
        static final String HELP = """
                PlatformBench [--api URL] [--kafka HOST:PORT] [--phases intake,distinct,overhead,sequential] [--clients C]
                              [--intake-jobs M] [--distinct-jobs M] [--clip-seconds S] [--overhead-jobs N]
                              [--overhead-clip-seconds S] [--sequential-jobs N] [--nfe-steps K] [--text T]
                              [--pid name=PID ...] [--out FILE]""";

        URI api = URI.create("http://127.0.0.1:8080");
        String kafka = "127.0.0.1:9092";
        List<String> phases = List.of("intake", "distinct", "overhead", "sequential");
        int clients = 16;
        int intakeJobs = 300;
        int distinctJobs = 100;
        double clipSeconds = 10;
        int overheadJobs = 50;
        double overheadClipSeconds = 3;
        int sequentialJobs = 20;
        int nfeSteps = 4;
        String shortText = "Hello from the platform bench.";
        Map<String, Long> pids = new LinkedHashMap<>();
        Path out;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--api" -> o.api = URI.create(value);
                    case "--kafka" -> o.kafka = value;
                    case "--phases" -> o.phases = List.of(value.split(","));
                    case "--clients" -> o.clients = Integer.parseInt(value);
                    case "--intake-jobs" -> o.intakeJobs = Integer.parseInt(value);
                    case "--distinct-jobs" -> o.distinctJobs = Integer.parseInt(value);
                    case "--clip-seconds" -> o.clipSeconds = Double.parseDouble(value);
                    case "--overhead-jobs" -> o.overheadJobs = Integer.parseInt(value);
                    case "--overhead-clip-seconds" -> o.overheadClipSeconds = Double.parseDouble(value);
                    case "--sequential-jobs" -> o.sequentialJobs = Integer.parseInt(value);
                    case "--nfe-steps" -> o.nfeSteps = Integer.parseInt(value);
                    case "--text" -> o.shortText = value;
                    case "--pid" -> {
                        String[] kv = value.split("=", 2);
                        o.pids.put(kv[0], Long.parseLong(kv[1]));
                    }
                    case "--out" -> o.out = Path.of(value);
                    default -> {
                        return null;
                    }
                }
                i++;
            }
            return o;
        }
    }

    /** Server timestamps of one finished job. */
    record JobTimes(
            String id, String status, Instant created, Instant started, Instant completed, double synthesisSeconds) {
        static JobTimes of(JsonNode job) {
            return new JobTimes(
                    job.path("id").asString(),
                    job.path("status").asString(),
                    instant(job.path("created_at")),
                    instant(job.path("started_at")),
                    instant(job.path("completed_at")),
                    job.path("metrics").path("synthesis_seconds").asDouble(-1));
        }

        private static Instant instant(JsonNode node) {
            return node.isMissingNode() || node.isNull() ? null : Instant.parse(node.asString());
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
