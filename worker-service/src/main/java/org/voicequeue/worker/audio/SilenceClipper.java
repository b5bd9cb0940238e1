package org.voicequeue.worker.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * The official {@code preprocess_ref_audio_text} clean-up (pydub semantics, times in milliseconds): keep at most
 * 12 s by cutting at long silences (1 s below −50 dBFS), then at short ones (100 ms below −40 dBFS), else hard;
 * then trim edges quieter than −42 dBFS and append 50 ms of silence.
 */
public final class SilenceClipper {
    static final int MAX_MS = 12_000;
    static final int MIN_MS_BEFORE_CLIP = 6_000;
    static final int KEEP_SILENCE_MS = 1_000;
    static final int SEEK_STEP_MS = 10;
    static final double EDGE_THRESHOLD_DB = -42.0;
    static final int PAD_MS = 50;

    private SilenceClipper() {}

    public static float[] clean(float[] samples, int rate) {
        PcmClip clip = new PcmClip(samples, rate);
        PcmClip kept = concatUntilLimit(splitOnSilence(clip, 1000, -50.0));
        if (kept.lengthMs() > MAX_MS) {
            kept = concatUntilLimit(splitOnSilence(clip, 100, -40.0));
        }
        if (kept.lengthMs() > MAX_MS) {
            kept = kept.slice(0, MAX_MS);
        }
        return trimEdges(kept).withSilence(PAD_MS).samples();
    }

    private static PcmClip concatUntilLimit(List<PcmClip> parts) {
        PcmClip out = PcmClip.empty(parts.isEmpty() ? 1 : parts.get(0).rate());
        for (PcmClip part : parts) {
            if (out.lengthMs() > MIN_MS_BEFORE_CLIP && out.lengthMs() + part.lengthMs() > MAX_MS) {
                break;
            }
            out = out.append(part);
        }
        return out;
    }

    /** pydub {@code split_on_silence(min_silence_len, silence_thresh, keep_silence=1000, seek_step=10)}. */
    static List<PcmClip> splitOnSilence(PcmClip clip, int minSilenceMs, double threshDb) {
        List<int[]> ranges = new ArrayList<>();
        for (int[] r : nonSilent(clip, minSilenceMs, threshDb)) {
            ranges.add(new int[] {r[0] - KEEP_SILENCE_MS, r[1] + KEEP_SILENCE_MS});
        }
        for (int i = 0; i + 1 < ranges.size(); i++) {
            int[] a = ranges.get(i);
            int[] b = ranges.get(i + 1);
            if (b[0] < a[1]) {
                a[1] = Math.floorDiv(a[1] + b[0], 2);
                b[0] = a[1];
            }
        }
        List<PcmClip> parts = new ArrayList<>();
        for (int[] r : ranges) {
            parts.add(clip.slice(Math.max(r[0], 0), Math.min(r[1], clip.lengthMs())));
        }
        return parts;
    }

    static List<int[]> nonSilent(PcmClip clip, int minSilenceMs, double threshDb) {
        int len = clip.lengthMs();
        List<int[]> silent = silentRanges(clip, minSilenceMs, threshDb);
        List<int[]> out = new ArrayList<>();
        if (silent.isEmpty()) {
            out.add(new int[] {0, len});
            return out;
        }
        if (silent.get(0)[0] == 0 && silent.get(0)[1] == len) {
            return out;
        }
        int prevEnd = 0;
        int end = 0;
        for (int[] s : silent) {
            out.add(new int[] {prevEnd, s[0]});
            prevEnd = s[1];
            end = s[1];
        }
        if (end != len) {
            out.add(new int[] {prevEnd, len});
        }
        if (out.get(0)[0] == 0 && out.get(0)[1] == 0) {
            out.remove(0);
        }
        return out;
    }

    private static List<int[]> silentRanges(PcmClip clip, int minSilenceMs, double threshDb) {
        int len = clip.lengthMs();
        List<int[]> ranges = new ArrayList<>();
        if (len < minSilenceMs) {
            return ranges;
        }
        double thresh = Math.pow(10, threshDb / 20);
        int lastStart = len - minSilenceMs;
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i <= lastStart; i += SEEK_STEP_MS) {
            if (clip.rms(i, i + minSilenceMs) <= thresh) {
                starts.add(i);
            }
        }
        if (lastStart % SEEK_STEP_MS != 0 && clip.rms(lastStart, len) <= thresh) {
            starts.add(lastStart);
        }
        if (starts.isEmpty()) {
            return ranges;
        }
        int prev = starts.get(0);
        int rangeStart = prev;
        for (int k = 1; k < starts.size(); k++) {
            int s = starts.get(k);
            boolean continuous = s == prev + SEEK_STEP_MS;
            boolean gap = s > prev + minSilenceMs;
            if (!continuous && gap) {
                ranges.add(new int[] {rangeStart, prev + minSilenceMs});
                rangeStart = s;
            }
            prev = s;
        }
        ranges.add(new int[] {rangeStart, prev + minSilenceMs});
        return ranges;
    }

    /** {@code remove_silence_edges}: leading in 10 ms chunks, trailing in 1 ms steps. */
    static PcmClip trimEdges(PcmClip clip) {
        double thresh = EDGE_THRESHOLD_DB;
        int len = clip.lengthMs();
        int start = 0;
        while (start < len && clip.dbfs(start, Math.min(start + 10, len)) < thresh) {
            start += 10;
        }
        PcmClip rest = clip.slice(Math.min(start, len), len);
        int end = rest.lengthMs();
        while (end > 0 && rest.dbfs(end - 1, end) <= thresh) {
            end--;
        }
        return rest.slice(0, end);
    }
}
