package org.voicequeue.worker.synthesis.onnx;

import java.util.ArrayList;
import java.util.List;
import org.voicequeue.model.job.JobParams;
import org.voicequeue.worker.audio.CrossFade;
import org.voicequeue.worker.audio.ReferenceAudio;
import org.voicequeue.worker.synthesis.SynthesisCanceledException;
import org.voicequeue.worker.synthesis.SynthesisListener;
import org.voicequeue.worker.text.Durations;
import org.voicequeue.worker.text.ReferenceText;
import org.voicequeue.worker.text.TextChunker;

/** GRAPH-CONTRACT.md §3 steps 3–6 for one request: chunks in order, Euler solve per chunk, cross-fade. */
final class F5Pipeline {
    static final double CROSS_FADE_SECONDS = 0.15;

    private F5Pipeline() {}

    /** What one chunk produced, kept for parity checks against the official goldens. */
    record Chunk(String text, long[] tokenIds, int frames, float[] melFull, float[] wave) {}

    record Output(float[] wave, List<Chunk> chunks) {}

    /** Text → token ids; the model's tokenizer in production, the official ids in parity tests. */
    interface Tokens {
        long[] encode(String text);
    }

    static Output run(
            OnnxModel model,
            Tokens tokens,
            ReferenceAudio ref,
            String referenceText,
            String text,
            JobParams p,
            NoiseSource noise,
            String jobId,
            SynthesisListener listener)
            throws Exception {
        String refText = ReferenceText.withSentenceEnd(referenceText);
        List<String> chunks = TextChunker.chunk(text, TextChunker.maxChars(refText, ref.seconds(), p.speed()));
        String refTextTok = ReferenceText.withTrailingSpace(refText);
        int melDim = model.manifest().melDim();
        float[] cond = model.mel(ref.samples());
        int refFrames = cond.length / melDim;
        int refSamples = ref.samples().length;
        float[] grid = TimeGrid.of(p.nfeSteps(), p.swaySamplingCoef());
        int totalSteps = chunks.size() * p.nfeSteps();
        List<Chunk> done = new ArrayList<>();
        List<float[]> waves = new ArrayList<>();
        for (int c = 0; c < chunks.size(); c++) {
            String g = chunks.get(c);
            long[] ids = tokens.encode(refTextTok + g);
            int frames = Durations.totalFrames(refSamples, refTextTok, g, p.speed(), ids.length);
            float[] condPad = new float[frames * melDim];
            System.arraycopy(cond, 0, condPad, 0, Math.min(cond.length, condPad.length));
            float[][] textEmb = model.textEmbed(ids, frames);
            int stepsBefore = c * p.nfeSteps();
            float[] y;
            try (VelocityField field = model.field(condPad, textEmb, frames)) {
                y = FlowSampler.solve(field, noise.next(frames * melDim), grid, (float) p.cfgStrength(), step -> {
                    listener.onProgress((stepsBefore + step) / (double) totalSteps);
                    if (listener.isCanceled()) {
                        throw new SynthesisCanceledException(jobId);
                    }
                });
            }
            System.arraycopy(cond, 0, y, 0, Math.min(refFrames * melDim, y.length));
            int start = Durations.generatedStart(refSamples);
            int m = frames - start;
            float[] melT = new float[melDim * m];
            for (int f = 0; f < m; f++) {
                for (int ch = 0; ch < melDim; ch++) {
                    melT[ch * m + f] = y[(start + f) * melDim + ch];
                }
            }
            float[] wave = ref.restoreLoudness(model.vocode(melT, m));
            waves.add(wave);
            done.add(new Chunk(g, ids, frames, y, wave));
        }
        float[] joined = CrossFade.join(
                waves, CrossFade.samples(CROSS_FADE_SECONDS, model.manifest().sampleRate()));
        return new Output(joined, done);
    }
}
