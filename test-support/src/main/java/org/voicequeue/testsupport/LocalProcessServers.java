package org.voicequeue.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real servers as local processes, started by {@code scripts/stack.sh} with the {@code test} profile: the same
 * script {@code ./voicequeue up} uses, so tests and the local run share one definition of the stack. Start is
 * idempotent, so every module of a build (and every JVM) reuses the servers the first one started; they keep running
 * after the JVM exits and {@code ./voicequeue test} stops them at the end.
 */
final class LocalProcessServers implements Servers {

    static final String PROFILE = "test";
    // the first start of a clean machine may resolve Kafka jars and build the S3 server
    private static final long SCRIPT_TIMEOUT_MINUTES = 30;

    private final Path repoRoot;
    private final Endpoints endpoints;

    private LocalProcessServers(Path repoRoot, Endpoints endpoints) {
        this.repoRoot = repoRoot;
        this.endpoints = endpoints;
    }

    static Servers start(Path repoRoot) {
        run(repoRoot, "start");
        Map<String, String> values = parse(run(repoRoot, "endpoints"));
        String secret;
        try {
            secret = Files.readString(Path.of(values.get("s3.secret-file"))).strip();
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the S3 secret of the test stack", ex);
        }
        Endpoints endpoints = new Endpoints(
                values.get("kafka.bootstrap"),
                values.get("redis.host"),
                Integer.parseInt(values.get("redis.port")),
                values.get("s3.endpoint"),
                values.get("s3.access-key"),
                secret);
        return new LocalProcessServers(repoRoot, endpoints);
    }

    private static Map<String, String> parse(List<String> lines) {
        Map<String, String> values = new HashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    @Override
    public Endpoints endpoints() {
        return endpoints;
    }

    @Override
    public void stop(Service service) {
        run(repoRoot, "stop", service.stackName());
    }

    @Override
    public void start(Service service) {
        run(repoRoot, "start", service.stackName());
    }

    @Override
    public String description() {
        return "local processes of scripts/stack.sh (profile " + PROFILE + "): " + endpoints;
    }

    /** Runs the script, echoing its output; returns the output lines or fails with them. */
    private static List<String> run(Path repoRoot, String... args) {
        List<String> command = new ArrayList<>();
        command.add(repoRoot.resolve("scripts/stack.sh").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(repoRoot.toFile()).redirectErrorStream(true);
        builder.environment().put("VOICEQUEUE_STACK_PROFILE", PROFILE);
        List<String> lines = new ArrayList<>();
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                    System.out.println("[stack] " + line);
                }
            }
            if (!process.waitFor(SCRIPT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " did not finish in " + SCRIPT_TIMEOUT_MINUTES + " minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "):\n" + String.join("\n", lines));
            }
            return lines;
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot run " + command, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, ex);
        }
    }
}
