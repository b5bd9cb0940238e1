package org.voicequeue.worker.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.voicequeue.model.job.ErrorCodes;
import org.voicequeue.model.model.ModelInfo;
import org.voicequeue.worker.synthesis.SpeechSynthesizer;
import org.voicequeue.worker.synthesis.SynthesisCanceledException;
import org.voicequeue.worker.synthesis.SynthesisException;
import org.voicequeue.worker.synthesis.SynthesisListener;
import org.voicequeue.worker.synthesis.SynthesisRequest;
import org.voicequeue.worker.synthesis.SynthesizedAudio;

/**
 * A stand-in engine for tests (never wired in production): a 220 Hz sine whose length grows with the text, made in
 * {@code steps} steps that report progress and honour cancellation like the real engine. Markers in the text steer
 * it per job: {@code [step-ms=N]} sleeps N ms per step (a slow GPU), {@code [flaky=N]} fails the first N calls with a
 * retryable error. Models other than F5-TTS are unknown. It counts calls per job id so tests can prove "synthesized
 * once".
 */
public final class DeterministicSynthesizer implements SpeechSynthesizer {
    public static final int SAMPLE_RATE = 24_000;
    private static final Pattern STEP_MS = Pattern.compile("\\[step-ms=(\\d+)]");
    private static final Pattern FLAKY = Pattern.compile("\\[flaky=(\\d+)]");

    private final int steps;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> completed = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private final Map<String, long[]> intervals = new ConcurrentHashMap<>();

    public DeterministicSynthesizer(int steps) {
        this.steps = steps;
    }

    public DeterministicSynthesizer() {
        this(8);
    }

    /** Synthesis calls that got past the flaky failures and ran steps, per job. */
    public int synthesisCount(String jobId) {
        return calls.getOrDefault(jobId, new AtomicInteger()).get();
    }

    /** The most syntheses that ever ran at the same time. */
    public int mostRunningAtOnce() {
        return mostRunning.get();
    }

    /** {start, end} in nanoTime of the job's last synthesis that ran its steps to the end. */
    public long[] interval(String jobId) {
        return intervals.get(jobId);
    }

    public int completedCount(String jobId) {
        return completed.getOrDefault(jobId, new AtomicInteger()).get();
    }

    @Override
    public SynthesizedAudio synthesize(SynthesisRequest request, SynthesisListener listener) throws SynthesisException {
        if (!"F5-TTS".equals(request.model())) {
            throw new SynthesisException(
                    ErrorCodes.UNKNOWN_MODEL, "model " + request.model() + " is not installed", false);
        }
        int flaky = marker(FLAKY, request.text());
        AtomicInteger failures = calls.computeIfAbsent("flaky:" + request.jobId(), id -> new AtomicInteger());
        if (failures.get() < flaky) {
            failures.incrementAndGet();
            throw new SynthesisException(ErrorCodes.SYNTHESIS_FAILED, "simulated transient failure", true);
        }
        calls.computeIfAbsent(request.jobId(), id -> new AtomicInteger()).incrementAndGet();
        Duration stepTime = Duration.ofMillis(marker(STEP_MS, request.text()));
        long start = System.nanoTime();
        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            for (int step = 1; step <= steps; step++) {
                if (listener.isCanceled()) {
                    throw new SynthesisCanceledException(request.jobId());
                }
                pause(stepTime);
                listener.onProgress(step / (double) steps);
            }
        } finally {
            running.decrementAndGet();
        }
        intervals.put(request.jobId(), new long[] {start, System.nanoTime()});
        completed.computeIfAbsent(request.jobId(), id -> new AtomicInteger()).incrementAndGet();
        return new SynthesizedAudio(sine(request.text().length()), SAMPLE_RATE);
    }

    @Override
    public List<ModelInfo> installedModels() {
        return List.of(new ModelInfo("F5-TTS", SAMPLE_RATE, List.of("en", "zh"), 30, "random", 0));
    }

    @Override
    public String executionProvider() {
        return "TEST";
    }

    static float[] sine(int textLength) {
        int length = SAMPLE_RATE / 2 + textLength * (SAMPLE_RATE / 50);
        float[] samples = new float[length];
        for (int i = 0; i < length; i++) {
            samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / SAMPLE_RATE));
        }
        return samples;
    }

    private static int marker(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    /** Simulated GPU work, not a test waiting for something. */
    private static void pause(Duration duration) throws SynthesisException {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SynthesisException(ErrorCodes.SYNTHESIS_FAILED, "interrupted", true);
        }
    }
}
