"""`vq-models parity`: GRAPH-CONTRACT.md §3 re-implemented with onnxruntime + numpy only (what Java will do),
compared with a golden produced by the official PyTorch code. Prints max abs error and SNR per stage."""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from . import common


def snr_db(ref: np.ndarray, got: np.ndarray) -> float:
    noise = float(np.sum((ref.astype(np.float64) - got) ** 2))
    return math.inf if noise == 0 else 10 * math.log10(float(np.sum(ref.astype(np.float64) ** 2)) / noise)


def time_grid(nfe: int, sway: float | None) -> np.ndarray:
    epss = {5: [0, 2, 4, 8, 16, 32], 6: [0, 2, 4, 6, 8, 16, 32], 7: [0, 2, 4, 6, 8, 16, 24, 32],
            10: [0, 2, 4, 6, 8, 12, 16, 20, 24, 28, 32], 12: [0, 2, 4, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32],
            16: [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32]}
    u = np.array(epss[nfe], np.float64) / 32 if nfe in epss else np.linspace(0, 1, nfe + 1)
    if sway is not None:
        u = u + sway * (np.cos(np.pi / 2 * u) - 1 + u)
    return u.astype(np.float32)


def run(args) -> int:
    import onnxruntime as ort

    model_dir, gdir = Path(args.model_dir), Path(args.golden)
    g = json.loads((gdir / "golden.json").read_text())
    arr = {k: common.read_array(gdir, v) for k, v in g["arrays"].items()}
    so = ort.SessionOptions()
    so.intra_op_num_threads = 2
    sess = {n: ort.InferenceSession(str(model_dir / f"{n}.onnx"), so, providers=["CPUExecutionProvider"])
            for n in ["mel", "text_embed", "transformer", "vocoder"]}
    p = g["params"]
    results, ok = [], True

    def report(name, ref, got, max_abs_limit, snr_limit=None):
        nonlocal ok
        err = float(np.max(np.abs(ref.astype(np.float64) - got))) if ref.size else 0.0
        s = snr_db(ref, got)
        good = err <= max_abs_limit and (snr_limit is None or s >= snr_limit)
        ok &= good
        results.append(f"{'OK ' if good else 'BAD'} {name:28s} max|err| {err:.3e}  SNR {s:6.1f} dB  shape {list(ref.shape)}")

    # §3 step 2: RMS boost (golden reference is 24 kHz, mono)
    x = arr["ref_audio"].astype(np.float32)
    rms = float(np.sqrt(np.mean(np.square(x, dtype=np.float32), dtype=np.float32)))
    if rms < p["target_rms"]:
        x = (x * np.float32(p["target_rms"]) / np.float32(rms)).astype(np.float32)
    report("ref_audio_norm", arr["ref_audio_norm"], x, 1e-6)
    S = x.shape[0]
    F, refA = S // 256 + 1, S // 256
    assert (F, refA) == (g["F"], g["refA"])
    cond = sess["mel"].run(None, {"audio": x[None]})[0][0]
    report("cond_mel (mel.onnx)", arr["cond_mel"], cond, 1e-3)
    cond = arr["cond_mel"]  # the rest of the chain is checked from the official cond so stages do not mix

    waves = []
    for i, chunk in enumerate(g["chunks"]):
        pre = f"chunk{i}_"
        ids = arr[pre + "token_ids"].astype(np.int64)
        ref_text = g["ref_text_tokenised"]
        speed = 0.3 if len(chunk.encode("utf-8")) < 10 else p["speed"]
        D = refA + int(refA / len(ref_text.encode("utf-8")) * len(chunk.encode("utf-8")) / speed)
        D = min(max(D, max(len(ids), F) + 1), 65536)
        assert D == int(arr[pre + "duration"][0]), (D, arr[pre + "duration"])
        grid = time_grid(p["nfe_step"], p["sway_sampling_coef"])
        report(pre + "time_grid", arr[pre + "time_grid"], grid, 1e-6)
        text_ids = np.full((1, D), -1, np.int64)
        text_ids[0, : min(len(ids), D)] = ids[:D]
        tc, tu = sess["text_embed"].run(None, {"text_ids": text_ids})
        cond_pad = np.zeros((1, D, 100), np.float32)
        cond_pad[0, :F] = cond
        y = arr[pre + "noise"][None].copy()
        t = arr[pre + "time_grid"]
        traj = arr.get(pre + "trajectory")
        for k in range(p["nfe_step"]):
            vc, vu = sess["transformer"].run(None, {"x": y, "cond": cond_pad, "text_cond": tc, "text_uncond": tu,
                                                     "time": np.array([t[k]], np.float32)})
            v = vc + (vc - vu) * np.float32(p["cfg_strength"]) if p["cfg_strength"] >= 1e-5 else vc
            y = (y + (t[k + 1] - t[k]) * v).astype(np.float32)
            if traj is not None:
                report(f"{pre}trajectory[{k + 1}]", traj[k + 1], y[0], 1e-2)
        y[0, :F] = cond
        report(pre + "mel_full", arr[pre + "mel_full"], y[0], 1e-2, 60)
        mel_gen = np.ascontiguousarray(y[:, refA:D, :].transpose(0, 2, 1))
        wave = sess["vocoder"].run(None, {"mel": mel_gen})[0][0]
        if rms < p["target_rms"]:
            wave = (wave * np.float32(rms) / np.float32(p["target_rms"])).astype(np.float32)
        report(pre + "wave", arr[pre + "wave"], wave, 1e-2, 50)
        waves.append(wave)

    final = waves[0]
    for nxt in waves[1:]:
        n = min(int(p["cross_fade_duration"] * 24000), len(final), len(nxt))
        if n <= 0:
            final = np.concatenate([final, nxt])
            continue
        final = np.concatenate([final[:-n], final[-n:] * np.linspace(1, 0, n) + nxt[:n] * np.linspace(0, 1, n),
                                nxt[n:]])
    report("wave_final", arr["wave_final"], final, 1e-2, 50)
    print(f"parity {gdir} vs {model_dir}:")
    print("\n".join("  " + r for r in results))
    print("PARITY OK" if ok else "PARITY FAILED")
    return 0 if ok else 1
