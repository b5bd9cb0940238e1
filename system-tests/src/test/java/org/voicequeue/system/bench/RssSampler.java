package org.voicequeue.system.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.node.ObjectNode;

/** Resident memory of the service processes from /proc/&lt;pid&gt;/status (VmRSS now, VmHWM = peak since start). */
final class RssSampler {
    private final Map<String, Long> pids;
    private final Map<String, Long> peakKb = new LinkedHashMap<>();
    private ScheduledExecutorService timer;

    RssSampler(Map<String, Long> pids) {
        this.pids = pids;
    }

    void start() {
        timer = Executors.newSingleThreadScheduledExecutor(PlatformBench.daemon("rss"));
        timer.scheduleAtFixedRate(this::sample, 0, 250, TimeUnit.MILLISECONDS);
    }

    void stop() {
        timer.shutdownNow();
    }

    private synchronized void sample() {
        pids.forEach((name, pid) -> {
            long kb = field(pid, "VmRSS:");
            peakKb.merge(name, kb, Math::max);
        });
    }

    synchronized ObjectNode peaks() {
        ObjectNode node = PlatformBench.object();
        peakKb.forEach((name, kb) -> node.put(name, kb / 1024));
        return node;
    }

    ObjectNode snapshot() {
        ObjectNode node = PlatformBench.object();
        pids.forEach((name, pid) -> {
            ObjectNode one = node.putObject(name);
            one.put("pid", pid);
            one.put("vm_rss_mib", field(pid, "VmRSS:") / 1024);
            one.put("vm_hwm_mib", field(pid, "VmHWM:") / 1024);
        });
        return node;
    }

    /** User + system CPU seconds each process used so far (/proc/&lt;pid&gt;/stat, clock ticks of 1/100 s). */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                cpu.put(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0);
            } catch (IOException | RuntimeException e) {
                cpu.put(name, Double.NaN);
            }
        });
        return cpu;
    }

    /** CPU milliseconds per job each process spent between two {@link #cpuSeconds()} readings. */
    ObjectNode cpuPerJob(Map<String, Double> before, int jobs) {
        ObjectNode node = PlatformBench.object();
        Map<String, Double> after = cpuSeconds();
        before.forEach((name, seconds) ->
                node.put(name, PlatformBench.round((after.get(name) - seconds) * 1000 / jobs, 2)));
        return node;
    }

    private static long field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
