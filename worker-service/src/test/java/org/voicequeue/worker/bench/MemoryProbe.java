package org.voicequeue.worker.bench;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.ObjectName;

/**
 * Where the benchmark JVM's resident memory sits, for the worker's RSS target (BENCHMARKS.md, "Worker memory"):
 * a 20 ms sampler of {@code /proc/self/statm} keeps the peak with its anonymous / file-backed split (file-backed =
 * the memory-mapped weights, shareable page cache; anonymous = heap, native allocations, prepacked weights), and
 * {@link #snapshot} records at a phase {@code smaps_rollup}, the Java heap, direct buffers and, when the JVM runs
 * with {@code -XX:NativeMemoryTracking=summary}, the NMT total (what the JVM itself holds; ONNX Runtime's native
 * allocations are the rest of the anonymous memory).
 */
final class MemoryProbe implements AutoCloseable {
    private static final long PAGE_KB = 4;
    private final Thread sampler;
    private final List<String> phases = new ArrayList<>();
    private volatile boolean running = true;
    private long peakKb;
    private long peakAnonKb;
    private long peakFileKb;

    MemoryProbe() {
        sampler = new Thread(this::sample, "memory-probe");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            try {
                String[] f =
                        Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
                long rss = Long.parseLong(f[1]) * PAGE_KB;
                long shared = Long.parseLong(f[2]) * PAGE_KB;
                synchronized (this) {
                    if (rss > peakKb) {
                        peakKb = rss;
                        peakFileKb = shared;
                        peakAnonKb = rss - shared;
                    }
                }
                Thread.sleep(20);
            } catch (Exception e) {
                return;
            }
        }
    }

    /** Records the memory now, under {@code phase}. */
    void snapshot(String phase) throws Exception {
        Map<String, Long> rollup = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps_rollup"))) {
            String[] p = line.trim().split("\\s+");
            if (p.length == 3 && p[2].equals("kB")) {
                rollup.put(p[0].replace(":", ""), Long.parseLong(p[1]));
            }
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
        long rss = rollup.getOrDefault("Rss", 0L);
        long anon = rollup.getOrDefault("Anonymous", 0L);
        String nmt = nmtCommittedKb();
        synchronized (this) {
            phases.add(String.format(
                    Locale.ROOT,
                    "{\"phase\": \"%s\", \"rss_mb\": %.1f, \"anon_mb\": %.1f, \"file_mb\": %.1f, \"hwm_mb\": %.1f, "
                            + "\"heap_used_mb\": %.1f, \"heap_committed_mb\": %.1f, \"direct_mb\": %.1f, "
                            + "\"peak_sampled_mb\": %.1f, \"peak_anon_mb\": %.1f, \"nmt_committed_mb\": %s}",
                    phase,
                    rss / 1024.0,
                    anon / 1024.0,
                    (rss - anon - rollup.getOrDefault("Shmem", 0L)) / 1024.0,
                    EngineBenchmark.vmHwmMb(),
                    heap.getUsed() / 1048576.0,
                    heap.getCommitted() / 1048576.0,
                    direct / 1048576.0,
                    peakKb / 1024.0,
                    peakAnonKb / 1024.0,
                    nmt));
        }
    }

    /** NMT "Total ... committed" in MB plus the per-category committed figures, or null without NMT. */
    private static String nmtCommittedKb() {
        try {
            String text = (String) ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "vmNativeMemory",
                            new Object[] {new String[] {"summary", "scale=KB"}},
                            new String[] {String[].class.getName()});
            if (!text.contains("Total:")) {
                return "null";
            }
            StringBuilder sb = new StringBuilder("{");
            var m = java.util.regex.Pattern.compile("(?m)^-?\\s*(Total|[A-Z][\\w ]*?) \\(?.*?committed=(\\d+)KB")
                    .matcher(text);
            while (m.find()) {
                long kb = Long.parseLong(m.group(2));
                if (kb >= 1024) {
                    sb.append(sb.length() > 1 ? ", " : "")
                            .append(String.format(
                                    Locale.ROOT, "\"%s\": %.1f", m.group(1).trim(), kb / 1024.0));
                }
            }
            return sb.append('}').toString();
        } catch (Exception e) {
            return "null";
        }
    }

    /** The phases and the sampled peak as JSON. */
    synchronized String json() {
        return String.format(
                Locale.ROOT,
                "{\"peak_sampled_mb\": %.1f, \"peak_anon_mb\": %.1f, \"peak_file_mb\": %.1f, \"phases\": [%s]}",
                peakKb / 1024.0,
                peakAnonKb / 1024.0,
                peakFileKb / 1024.0,
                String.join(", ", phases));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
    }
}
