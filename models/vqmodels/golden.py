"""`vq-models golden`: the OFFICIAL f5_tts inference path (`preprocess_ref_audio_text` -> `infer_process` ->
`chunk_text` -> `infer_batch_process` -> `CFM.sample` -> Vocos) on CPU/fp32 with injected noise; every
intermediate the Java port needs is saved as raw little-endian arrays + golden.json (GRAPH-CONTRACT.md §5).

Instrumentation only observes: `torch.randn` returns the injected noise for the (D, 100) request of a chunk,
`cfm.odeint` is wrapped to record the time grid, `CFM.sample` and `vocoder.decode` are wrapped to record
inputs/outputs. `torchaudio.load` (which needs torchcodec/ffmpeg in torchaudio >= 2.9) is replaced by a
soundfile reader returning the same (channels, samples) float32 tensor for PCM WAV."""
from __future__ import annotations

import json
import threading
from pathlib import Path

import numpy as np

from . import common


def run(args) -> None:
    import soundfile as sf
    import torch

    torch.set_num_threads(2)
    ui = common.import_official()
    import f5_tts.model.cfm as cfm_mod
    from f5_tts.model.utils import convert_char_to_pinyin, list_str_to_idx

    model_dir = Path(args.model_dir)
    meta, model, vocoder = common.load_cfm(model_dir)
    out = Path(args.out)
    w = common.ArrayWriter(out)

    def load_wav(path):
        data, sr = sf.read(str(path), dtype="float32", always_2d=True)
        return torch.from_numpy(np.ascontiguousarray(data.T)), sr

    ui.torchaudio.load = load_wav

    ref_audio_path, ref_text = ui.preprocess_ref_audio_text(args.ref_audio, args.ref_text, show_info=lambda *_: None)
    audio, sr = load_wav(ref_audio_path)
    assert sr == common.SAMPLE_RATE, "goldens use a 24 kHz reference (no resampling in the golden path)"

    # ---- instrumentation -------------------------------------------------------------------------------------
    local = threading.local()
    records: dict[int, dict] = {}
    lock = threading.Lock()
    rms_ref = float(torch.sqrt(torch.mean(torch.square(audio))))
    ref_text_tok = ref_text + " " if len(ref_text[-1].encode("utf-8")) == 1 else ref_text  # infer_batch_process
    chunk_of: dict[tuple, int] = {}

    real_randn = torch.randn

    def randn(*size, **kw):
        shape = tuple(size[0]) if len(size) == 1 and isinstance(size[0], (tuple, list)) else tuple(size)
        idx = getattr(local, "chunk", None)
        if idx is None or len(shape) != 2 or shape[1] != common.N_MELS:
            return real_randn(*size, **kw)
        noise = np.random.default_rng(args.seed + idx).standard_normal(shape).astype(np.float32)
        records[idx]["noise"] = noise
        return torch.from_numpy(noise).to(kw.get("dtype") or torch.float32)

    torch.randn = randn

    real_odeint = cfm_mod.odeint

    def odeint(fn, y0, t, **kw):
        records[local.chunk]["time_grid"] = t.detach().cpu().numpy().astype(np.float32)
        return real_odeint(fn, y0, t, **kw)

    cfm_mod.odeint = odeint

    real_sample = model.sample

    def sample(cond, text, duration, **kw):
        idx = chunk_of[tuple(text[0])]
        with lock:
            records[idx] = {"cond_audio": cond.detach().cpu().numpy()[0].astype(np.float32)}
        local.chunk = idx
        try:
            out_mel, traj = real_sample(cond=cond, text=text, duration=duration, **kw)
        finally:
            local.chunk = None
        r = records[idx]
        r["token_ids"] = list_str_to_idx(text, model.vocab_char_map)[0].numpy().astype(np.int32)
        r["duration"] = int(out_mel.shape[1])
        r["mel_full"] = out_mel[0].detach().cpu().numpy().astype(np.float32)
        r["trajectory"] = traj[:, 0].detach().cpu().numpy().astype(np.float32)
        r["cond_mel"] = model.mel_spec(cond).permute(0, 2, 1)[0].detach().cpu().numpy().astype(np.float32)
        local.decode_chunk = idx
        return out_mel, traj

    model.sample = sample

    real_decode = vocoder.decode

    def decode(mel, **kw):
        wave = real_decode(mel, **kw)
        idx = local.decode_chunk
        wout = wave * rms_ref / 0.1 if rms_ref < 0.1 else wave  # same op as infer_batch_process
        records[idx]["wave"] = wout.squeeze().detach().cpu().numpy().astype(np.float32)
        return wave

    vocoder.decode = decode

    # chunk texts exactly as infer_process computes them, to map CFM.sample calls back to chunk indices
    max_chars = int(len(ref_text.encode("utf-8")) / (audio.shape[-1] / sr) * (22 - audio.shape[-1] / sr) * args.speed)
    chunks = ui.chunk_text(args.gen_text, max_chars=max_chars)
    for i, g in enumerate(chunks):
        chunk_of[tuple(convert_char_to_pinyin([ref_text_tok + g])[0])] = i

    # ---- the official call -------------------------------------------------------------------------------------
    wave, sr_out, _spec = ui.infer_process(
        ref_audio_path, ref_text, args.gen_text, model, vocoder, mel_spec_type="vocos", show_info=lambda *_: None,
        progress=None, target_rms=0.1, cross_fade_duration=0.15, nfe_step=args.nfe, cfg_strength=args.cfg,
        sway_sampling_coef=args.sway, speed=args.speed, device="cpu")
    torch.randn = real_randn
    assert sorted(records) == list(range(len(chunks))), "every chunk must have been sampled once"

    # ---- save --------------------------------------------------------------------------------------------------
    S = audio.shape[-1]
    w.put("ref_audio", audio.mean(0).numpy() if audio.shape[0] > 1 else audio[0].numpy(), "float32")
    w.put("ref_audio_norm", records[0]["cond_audio"], "float32")
    w.put("cond_mel", records[0]["cond_mel"], "float32")
    for i in range(len(chunks)):
        r = records[i]
        p = f"chunk{i}_"
        w.put(p + "token_ids", r["token_ids"], "int32")
        w.put(p + "duration", np.array([r["duration"]]), "int32")
        w.put(p + "noise", r["noise"], "float32")
        w.put(p + "time_grid", r["time_grid"], "float32")
        if args.trajectory:
            w.put(p + "trajectory", r["trajectory"], "float32")
        w.put(p + "mel_full", r["mel_full"], "float32")
        w.put(p + "wave", r["wave"], "float32")
    w.put("wave_final", np.asarray(wave, dtype=np.float32), "float32")
    import shutil

    shutil.copyfile(ref_audio_path, out / "ref_audio_preprocessed.wav")
    doc = {
        "format": "raw little-endian, C order; see models/GRAPH-CONTRACT.md §5",
        "model_dir": str(Path(args.model_dir)),
        "model": meta["model"],
        "ref_audio_source": str(args.ref_audio),
        "ref_text_input": args.ref_text,
        "ref_text": ref_text,
        "ref_text_tokenised": ref_text_tok,
        "gen_text": args.gen_text,
        "max_chars": max_chars,
        "chunks": chunks,
        "S": int(S),
        "F": int(S // common.HOP + 1),
        "refA": int(S // common.HOP),
        "rms": rms_ref,
        "params": {"nfe_step": args.nfe, "cfg_strength": args.cfg, "sway_sampling_coef": args.sway,
                   "speed": args.speed, "target_rms": 0.1, "cross_fade_duration": 0.15, "seed": args.seed,
                   "noise": "numpy.random.default_rng(seed + chunk_index).standard_normal((D, 100)) as float32"},
        "arrays": w.index,
    }
    (out / "golden.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    print(f"golden: {len(chunks)} chunk(s), D={[records[i]['duration'] for i in range(len(chunks))]}, "
          f"wave {len(wave)} samples -> {out}")
