package org.voicequeue.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How much of a clip is speech rather than silence, and F5's reference clean-up: clip at a silence, trim the edges.
 *
 * <p>Loudness is frame RMS in dBFS against full scale (1.0). {@link #SILENCE_DBFS} is the threshold F5's own
 * clipping uses for "silence"; breath noise and room tone of ordinary recordings sit below it.
 */
public final class SpeechActivity {

    /** Frames at or below this RMS level count as silence. */
    public static final double SILENCE_DBFS = -50;
    /** F5 trims leading and trailing audio quieter than this before it appends {@link #TAIL_SILENCE_MS}. */
    public static final double EDGE_SILENCE_DBFS = -42;
    /** F5's reference limit: longer references are clipped to this at a silence. */
    public static final double F5_MAX_REFERENCE_SECONDS = 12;

    public static final int TAIL_SILENCE_MS = 50;

    private static final int FRAME_MS = 10;

    private SpeechActivity() {}

    /** Seconds of the clip whose short-time energy (10 ms frames) is above the silence threshold. */
    public static double speechSeconds(DecodedAudio audio) {
        float[] x = audio.samples();
        SilenceMap map = new SilenceMap(x, audio.sampleRate());
        int frame = Math.max(1, audio.sampleRate() * FRAME_MS / 1000);
        long loud = 0;
        for (int from = 0; from < x.length; from += frame) {
            int to = Math.min(x.length, from + frame);
            if (map.dbfs(from, to) > SILENCE_DBFS) {
                loud += to - from;
            }
        }
        return loud / (double) audio.sampleRate();
    }

    /**
     * Shortens a clip to at most {@code maxSeconds} at silences, the way F5's reference preprocessing does: split at
     * silences of at least 1 s below -50 dBFS, keeping up to 1 s of silence around each piece, and add pieces while
     * the total stays within the limit (a piece that crosses it is still taken while less than half the limit is
     * filled). If that is still too long, the same with 100 ms silences below -40 dBFS; if still too long, a hard cut.
     * Like F5 it applies the first pass to short clips too, so silences longer than 2 s are shortened to 2 s.
     */
    public static DecodedAudio clipAtSilence(DecodedAudio audio, double maxSeconds) {
        if (!(maxSeconds > 0)) {
            throw new IllegalArgumentException("maxSeconds must be positive");
        }
        int max = (int) Math.round(maxSeconds * audio.sampleRate());
        SilenceMap map = new SilenceMap(audio.samples(), audio.sampleRate());
        float[] clipped = joinPieces(audio.samples(), map, 1000, -50, max);
        if (clipped.length > max) {
            clipped = joinPieces(audio.samples(), map, 100, -40, max);
        }
        if (clipped.length > max) {
            clipped = Arrays.copyOf(clipped, max);
        }
        return new DecodedAudio(clipped, audio.sampleRate(), audio.container());
    }

    /** Drops leading and trailing 10 ms chunks whose RMS is below {@code thresholdDbfs}. */
    public static DecodedAudio trimSilentEdges(DecodedAudio audio, double thresholdDbfs) {
        float[] x = audio.samples();
        SilenceMap map = new SilenceMap(x, audio.sampleRate());
        int chunk = Math.max(1, audio.sampleRate() * FRAME_MS / 1000);
        int start = 0;
        while (start < x.length && map.dbfs(start, Math.min(x.length, start + chunk)) < thresholdDbfs) {
            start += chunk;
        }
        int end = x.length;
        while (end > start && map.dbfs(Math.max(start, end - chunk), end) < thresholdDbfs) {
            end -= chunk;
        }
        return new DecodedAudio(
                Arrays.copyOfRange(x, Math.min(start, x.length), Math.max(start, end)),
                audio.sampleRate(),
                audio.container());
    }

    /**
     * F5's whole reference clean-up: {@link #clipAtSilence} to {@code maxSeconds}, {@link #trimSilentEdges} at
     * {@link #EDGE_SILENCE_DBFS}, then {@link #TAIL_SILENCE_MS} of silence appended (F5 leaves the model a pause
     * between the reference and the generated speech).
     */
    public static DecodedAudio prepareReference(DecodedAudio audio, double maxSeconds) {
        DecodedAudio trimmed = trimSilentEdges(clipAtSilence(audio, maxSeconds), EDGE_SILENCE_DBFS);
        int tail = audio.sampleRate() * TAIL_SILENCE_MS / 1000;
        return new DecodedAudio(
                Arrays.copyOf(trimmed.samples(), trimmed.samples().length + tail),
                audio.sampleRate(),
                audio.container());
    }

    private static float[] joinPieces(float[] x, SilenceMap map, int minSilenceMs, double thresholdDbfs, int max) {
        List<SilenceMap.Range> pieces = piecesWithSilence(map, map.nonSilentMs(minSilenceMs, thresholdDbfs, 10), 1000);
        List<SilenceMap.Range> taken = new ArrayList<>();
        int total = 0;
        for (SilenceMap.Range piece : pieces) {
            if (total > max / 2 && total + piece.length() > max) {
                break;
            }
            taken.add(piece);
            total += piece.length();
        }
        float[] out = new float[total];
        int at = 0;
        for (SilenceMap.Range piece : taken) {
            System.arraycopy(x, piece.from(), out, at, piece.length());
            at += piece.length();
        }
        return out;
    }

    /** Widens each loud stretch by {@code keepMs} on both sides; where two widened pieces overlap they meet midway. */
    private static List<SilenceMap.Range> piecesWithSilence(SilenceMap map, List<SilenceMap.Range> loudMs, int keepMs) {
        int[][] ms = new int[loudMs.size()][];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = new int[] {loudMs.get(i).from() - keepMs, loudMs.get(i).to() + keepMs};
        }
        for (int i = 0; i + 1 < ms.length; i++) {
            if (ms[i + 1][0] < ms[i][1]) {
                int middle = Math.floorDiv(ms[i][1] + ms[i + 1][0], 2);
                ms[i][1] = middle;
                ms[i + 1][0] = middle;
            }
        }
        List<SilenceMap.Range> samples = new ArrayList<>(ms.length);
        for (int[] r : ms) {
            samples.add(new SilenceMap.Range(map.sampleAt(r[0]), map.sampleAt(r[1])));
        }
        return samples;
    }
}
