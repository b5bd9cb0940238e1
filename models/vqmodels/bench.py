"""`vq-models bench ort|torch|peak`: one side of the engine benchmark (`scripts/bench-engine.sh`, models/BENCHMARKS.md).

Each side runs in its own process so peak RSS (getrusage ru_maxrss = VmHWM) belongs to one implementation.

Same input for every side (`bench_input`): a ~5 s espeak-ng reference at 24 kHz (after the official clean-up) and a text whose official duration
rule (GRAPH-CONTRACT.md §3.5) gives ≈ 10 s of output; D (ref + generated frames) is printed and used everywhere.

Two modes:
* composed (default; a 2-core CPU needs ~20–50 s per step at D ≈ 1400, so whole 32-step syntheses do not fit):
  the fixed parts (mel, text embedding once per chunk, vocoder) are timed once after a warm-up, the transformer step
  `warmup + reps` times; RTF(nfe) = (fixed + nfe · median step) / output seconds. The step is the same call the full
  run makes nfe times with a fixed D, so this is the full run minus the Euler axpy (numpy/torch, < 1 ms per step).
* --full: whole syntheses per nfe (official `infer_process` for torch, the contract loop of `parity.py` for ORT),
  warm-up + reps each — for a GPU or a quiet many-core box.

Work per step is counted analytically (`step_flops`) from the arch in model.json; the machine's matrix-multiply peak
is measured by `peak` (an ORT MatMul, same thread count) in the same run."""
from __future__ import annotations

import json
import os
import resource
import subprocess
import time
from pathlib import Path

import numpy as np

from . import common

REF_TEXT = "The quick brown fox jumps over the lazy dog, then it runs far away into the green forest."
GEN_TEXT = ("Queues make slow work feel fast: you hand in a job, get a ticket at once, and come back when the voice is "
            "ready. Each worker takes one job at a time, and it reports its progress.")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def cpu_s() -> float:
    t = os.times()
    return t.user + t.system


def bench_input(work: Path, ref_audio: str | None = None) -> dict:
    """The shared request: reference wav (made once), texts, and the official frame counts."""
    import soundfile as sf

    work.mkdir(parents=True, exist_ok=True)
    wav = Path(ref_audio) if ref_audio else work / "reference.wav"
    if not wav.exists():
        import shutil

        raw = work / "reference-raw.wav"
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "175", "-w", str(raw), REF_TEXT], check=True)
        subprocess.run(["sox", str(raw), "-r", "24000", "-c", "1", "-b", "16", str(work / "reference-24k.wav")],
                       check=True)
        # the official clean-up (edge trim at -42 dBFS + 50 ms silence) once, so that no side trims it differently
        # (the Java engine and the official `infer` path both run it again; on a clean clip it changes nothing)
        ui = common.import_official()
        clean, _ = ui.preprocess_ref_audio_text(str(work / "reference-24k.wav"), REF_TEXT, show_info=lambda *_: None)
        shutil.copyfile(clean, wav)
    audio, sr = sf.read(str(wav), dtype="float32")
    assert sr == 24000 and audio.ndim == 1, "bench reference must be 24 kHz mono"
    ref_text = REF_TEXT + "  "  # §3 steps 1+2: ends with '.', gets ' ' then the extra ' ' (1-byte last char)
    S = len(audio)
    refA, F = S // 256, S // 256 + 1
    gen_frames = int(refA / len(ref_text.encode()) * len(GEN_TEXT.encode()) / 1.0)
    D = refA + gen_frames
    out_seconds = (D - refA - 1) * 256 / 24000
    return {"ref_audio": str(wav), "ref_text": REF_TEXT, "ref_text_tokenised": ref_text, "gen_text": GEN_TEXT,
            "S": S, "F": F, "refA": refA, "D": D, "out_seconds": out_seconds}


def step_flops(arch: dict, n: int) -> float:
    """FLOPs of one transformer.onnx call (both CFG branches = 2 rows of N tokens), multiply-adds × 2.
    Per token and block: q, k, v, out (4d²) + feed-forward d→ff·d→d (2·ff·d²) + attention QKᵀ and AV (2·N·d).
    Per token outside the blocks: input Linear((2·100 + text_dim) → d), ConvPositionEmbedding (2 grouped
    Conv1d, kernel 31, 16 groups: 2·31·d·d/16), proj_out d → 100. Time MLP / AdaLN linears act on 2 rows only
    (negligible, not counted); element-wise ops not counted."""
    d, depth, ff, td = arch["dim"], arch["depth"], arch["ff_mult"], arch["text_dim"]
    per_token = depth * ((4 + 2 * ff) * d * d + 2 * n * d) + (200 + td) * d + 2 * 31 * d * d // 16 + d * 100
    return 2.0 * per_token * (2 * n)


def _median(xs):
    return float(np.median(xs)) if xs else None


def _compose(fixed_s: float, step_s: float, nfe_list, out_seconds: float, fixed_cpu_s: float | None = None,
             step_cpu_s: float | None = None, threads: int = 1):
    """RTF(nfe) from the measured parts. `rtf_cpu`: the same from CPU seconds / threads — what the wall RTF would be
    on an otherwise idle machine with `threads` cores (load-independent; assumes the threads stay busy)."""
    runs = {}
    for n in nfe_list:
        r = {"seconds": fixed_s + n * step_s, "rtf": (fixed_s + n * step_s) / out_seconds}
        if fixed_cpu_s is not None and step_cpu_s is not None:
            r["cpu_seconds"] = fixed_cpu_s + n * step_cpu_s
            r["rtf_cpu"] = r["cpu_seconds"] / threads / out_seconds
        runs[str(n)] = r
    return runs


# ------------------------------------------------------------------------------------------------ peak
def run_peak(args) -> dict:
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper

    n = 2048
    b = np.random.default_rng(0).standard_normal((n, n), dtype=np.float32)
    g = helper.make_graph([helper.make_node("MatMul", ["a", "b"], ["c"])], "peak",
                          [helper.make_tensor_value_info("a", TensorProto.FLOAT, [n, n])],
                          [helper.make_tensor_value_info("c", TensorProto.FLOAT, [n, n])],
                          [numpy_helper.from_array(b, "b")])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])
    so = ort.SessionOptions()
    so.intra_op_num_threads = args.threads
    s = ort.InferenceSession(m.SerializeToString(), so, providers=["CPUExecutionProvider"])
    a = np.random.default_rng(1).standard_normal((n, n), dtype=np.float32)
    for _ in range(2):
        s.run(None, {"a": a})
    wall, cpu = [], []
    for _ in range(max(args.reps, 5)):
        c0, w0 = cpu_s(), time.perf_counter()
        s.run(None, {"a": a})
        wall.append(time.perf_counter() - w0)
        cpu.append(cpu_s() - c0)
    flops = 2.0 * n ** 3
    return {"what": "peak", "op": f"ORT MatMul fp32 {n}x{n}x{n}", "threads": args.threads,
            "onnxruntime_version": ort.__version__, "onnx_version": onnx.__version__,
            "gflops_wall": flops / min(wall) / 1e9, "gflops_wall_median": flops / _median(wall) / 1e9,
            "gflops_per_cpu_s": flops / _median(cpu) / 1e9}


# ------------------------------------------------------------------------------------------------ ORT
def run_ort(args, inp: dict, meta: dict) -> dict:
    import onnxruntime as ort

    from . import optimize, parity

    model_dir = Path(args.model_dir)
    graph = args.graph
    if graph == "auto":
        graph = optimize.OPT_FILE if (model_dir / optimize.OPT_FILE).exists() else "transformer.onnx"
    so = ort.SessionOptions()
    so.intra_op_num_threads = args.threads
    so.inter_op_num_threads = 1
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    prov = ["CUDAExecutionProvider", "CPUExecutionProvider"] if args.provider == "cuda" else ["CPUExecutionProvider"]
    t0 = time.perf_counter()
    sess = {k: ort.InferenceSession(str(model_dir / f), so, providers=prov)
            for k, f in [("mel", "mel.onnx"), ("text_embed", "text_embed.onnx"), ("transformer", graph),
                         ("vocoder", "vocoder.onnx")]}
    load_s = time.perf_counter() - t0
    import soundfile as sf

    x, _ = sf.read(inp["ref_audio"], dtype="float32")
    rms = float(np.sqrt(np.mean(np.square(x))))
    if rms < 0.1:
        x = (x * np.float32(0.1 / rms)).astype(np.float32)
    D, F, refA = inp["D"], inp["F"], inp["refA"]
    ids = np.full((1, D), -1, np.int64)
    toks = [ord(c) % 200 + 1 for c in inp["ref_text_tokenised"] + inp["gen_text"]]  # ids only set the mask
    ids[0, : len(toks)] = toks[:D]
    rng = np.random.default_rng(0)

    def fixed():
        t = {}
        w0 = time.perf_counter()
        cond = sess["mel"].run(None, {"audio": x[None]})[0]
        t["mel_s"] = time.perf_counter() - w0
        w0 = time.perf_counter()
        tc, tu = sess["text_embed"].run(None, {"text_ids": ids})
        t["text_embed_s"] = time.perf_counter() - w0
        mel_gen = rng.standard_normal((1, 100, D - refA), dtype=np.float32)
        w0 = time.perf_counter()
        sess["vocoder"].run(None, {"mel": mel_gen})
        t["vocoder_s"] = time.perf_counter() - w0
        return t, cond, tc, tu

    fixed()  # warm-up
    c0 = cpu_s()
    ft, cond, tc, tu = fixed()
    fixed_cpu = cpu_s() - c0
    cond_pad = np.zeros((1, D, 100), np.float32)
    cond_pad[0, :F] = cond[0]
    y = rng.standard_normal((1, D, 100), dtype=np.float32)
    feed = {"x": y, "cond": cond_pad, "text_cond": tc, "text_uncond": tu, "time": np.array([0.3], np.float32)}
    nfe_list = [int(n) for n in args.nfe.split(",")]
    res = {"what": "ort", "graph": graph, "provider": sess["transformer"].get_providers()[0],
           "threads": args.threads, "onnxruntime_version": ort.__version__, "session_load_s": load_s, **ft}
    if args.full:
        runs = {}
        for nfe in nfe_list:
            grid = parity.time_grid(nfe, -1.0)
            secs = []
            for r in range(args.warmup + args.reps):
                w0 = time.perf_counter()
                fixed_t, c2, tc2, tu2 = fixed()
                yy = rng.standard_normal((1, D, 100), dtype=np.float32)
                for k in range(nfe):
                    vc, vu = sess["transformer"].run(None, {**feed, "x": yy, "text_cond": tc2, "text_uncond": tu2,
                                                            "time": np.array([grid[k]], np.float32)})
                    yy = (yy + (grid[k + 1] - grid[k]) * (vc + (vc - vu) * np.float32(2.0))).astype(np.float32)
                if r >= args.warmup:
                    secs.append(time.perf_counter() - w0)
            runs[str(nfe)] = {"seconds": _median(secs), "rtf": _median(secs) / inp["out_seconds"], "all_s": secs}
        res["runs"] = runs
        res["mode"] = "full"
    else:
        wall, cpu = [], []
        for r in range(args.warmup + args.reps):
            c0, w0 = cpu_s(), time.perf_counter()
            sess["transformer"].run(None, feed)
            if r >= args.warmup:
                wall.append(time.perf_counter() - w0)
                cpu.append(cpu_s() - c0)
        res.update(step_wall_s=wall, step_cpu_s=cpu, median_step_s=_median(wall), median_step_cpu_s=_median(cpu))
        fixed_s = ft["mel_s"] + ft["text_embed_s"] + ft["vocoder_s"]
        res["runs"] = _compose(fixed_s, res["median_step_s"], nfe_list, inp["out_seconds"], fixed_cpu,
                               res["median_step_cpu_s"], args.threads)
        res["fixed_cpu_s"] = fixed_cpu
        res["mode"] = "composed"
    res["peak_rss_mb"] = peak_rss_mb()
    return res


# ------------------------------------------------------------------------------------------------ torch
def run_torch(args, inp: dict, meta: dict) -> dict:
    import soundfile as sf
    import torch

    torch.set_num_threads(args.threads)
    device = "cuda" if args.provider == "cuda" else "cpu"
    t0 = time.perf_counter()
    ui = common.import_official()
    if device == "cpu":
        _meta, model, vocoder = common.load_cfm(Path(args.model_dir))
    else:  # official load_model: fp16 on CUDA with compute capability >= 7 (that is the official GPU path)
        from f5_tts.model import DiT, UNetT

        md = Path(args.model_dir)
        cls = DiT if meta["backbone"] == "DiT" else UNetT
        model = ui.load_model(cls, dict(meta["arch"]), str(md / meta["checkpoint_file"]), mel_spec_type="vocos",
                              vocab_file=str(md / meta["vocab_file"]), device="cuda")
        vocoder = ui.load_vocoder("vocos", is_local=True, local_path=str(md / "vocos"), device="cuda")
    model.eval()  # CFM.sample starts with self.eval(): without it the DiT's dropout (0.1) runs and costs time
    load_s = time.perf_counter() - t0
    dtype = next(model.parameters()).dtype
    from f5_tts.model.utils import convert_char_to_pinyin, list_str_to_idx

    def sync():
        if device == "cuda":
            torch.cuda.synchronize()

    nfe_list = [int(n) for n in args.nfe.split(",")]
    res = {"what": "torch", "device": device, "dtype": str(dtype), "threads": torch.get_num_threads(),
           "torch_version": torch.__version__, "model_load_s": load_s}
    if args.full:
        def load_wav(path):
            data, sr = sf.read(str(path), dtype="float32", always_2d=True)
            return torch.from_numpy(np.ascontiguousarray(data.T)), sr

        ui.torchaudio.load = load_wav
        runs = {}
        for nfe in nfe_list:
            secs = []
            for r in range(args.warmup + args.reps):
                sync()
                w0 = time.perf_counter()
                ui.infer_process(inp["ref_audio"], inp["ref_text"] + " ", inp["gen_text"], model, vocoder,
                                 mel_spec_type="vocos", show_info=lambda *_: None, progress=None, nfe_step=nfe,
                                 device=device)
                sync()
                if r >= args.warmup:
                    secs.append(time.perf_counter() - w0)
            runs[str(nfe)] = {"seconds": _median(secs), "rtf": _median(secs) / inp["out_seconds"], "all_s": secs}
        res.update(runs=runs, mode="full", peak_rss_mb=peak_rss_mb())
        return res

    D, F = inp["D"], inp["F"]
    audio, _ = sf.read(inp["ref_audio"], dtype="float32")
    a = torch.from_numpy(audio)[None].to(device)
    rms = torch.sqrt(torch.mean(torch.square(a)))
    if rms < 0.1:
        a = a * 0.1 / rms
    text = list_str_to_idx(convert_char_to_pinyin([inp["ref_text_tokenised"] + inp["gen_text"]]),
                           model.vocab_char_map).to(device)
    dit = model.transformer
    g = torch.Generator().manual_seed(0)

    @torch.inference_mode()
    def fixed():
        t = {}
        sync(); w0 = time.perf_counter()
        cond = model.mel_spec(a).permute(0, 2, 1).to(dtype)  # CFM.sample: raw audio -> mel
        sync(); t["mel_s"] = time.perf_counter() - w0
        mel_gen = torch.randn(1, 100, D - inp["refA"], generator=g).to(device)
        sync(); w0 = time.perf_counter()
        vocoder.decode(mel_gen)
        sync(); t["vocoder_s"] = time.perf_counter() - w0
        return t, cond

    fixed()
    c0 = cpu_s()
    ft, cond = fixed()
    fixed_cpu = cpu_s() - c0
    cond_pad = torch.zeros(1, D, 100, dtype=dtype, device=device)
    cond_pad[:, :F] = cond[:, :F]
    y = torch.randn(1, D, 100, generator=g).to(device=device, dtype=dtype)

    @torch.inference_mode()
    def step(t):  # exactly CFM.sample.fn's call (cfg_infer=True, cache=True, mask=None)
        return dit(x=y, cond=cond_pad, text=text, time=t, mask=None, drop_audio_cond=False, drop_text=False,
                   cfg_infer=True, cache=True)

    tt = torch.tensor(0.3, dtype=dtype, device=device)
    first, first_cpu = [], []
    for _ in range(2):  # first call of a chunk builds the text-embedding cache (= our text_embed.onnx)
        dit.clear_cache()
        sync(); w0, c0 = time.perf_counter(), cpu_s()
        step(tt)
        sync(); first.append(time.perf_counter() - w0); first_cpu.append(cpu_s() - c0)
    wall, cpu = [], []
    for r in range(args.warmup + args.reps):
        c0, w0 = cpu_s(), time.perf_counter()
        step(tt)
        sync()
        if r >= args.warmup:
            wall.append(time.perf_counter() - w0)
            cpu.append(cpu_s() - c0)
    dit.clear_cache()
    med = _median(wall)
    text_embed_s = max(first[-1] - med, 0.0)
    res.update(ft, text_embed_s=text_embed_s, first_step_s=first, step_wall_s=wall, step_cpu_s=cpu,
               median_step_s=med, median_step_cpu_s=_median(cpu))
    fixed_s = ft["mel_s"] + ft["vocoder_s"] + text_embed_s
    text_embed_cpu = max(first_cpu[-1] - _median(cpu), 0.0)
    res["fixed_cpu_s"] = fixed_cpu + text_embed_cpu
    res["runs"] = _compose(fixed_s, med, nfe_list, inp["out_seconds"], res["fixed_cpu_s"], _median(cpu),
                           torch.get_num_threads())
    res["mode"] = "composed"
    res["peak_rss_mb"] = peak_rss_mb()
    return res


def run_pair(args, inp: dict, meta: dict) -> dict:
    """ORT step and official PyTorch step alternated in ONE process (A/B/A/B): on a shared machine both see the same
    load, so their ratio is the fairest figure this box can give (RSS is not separable here: see the other legs)."""
    import onnxruntime as ort
    import torch

    from . import optimize

    torch.set_num_threads(args.threads)
    model_dir = Path(args.model_dir)
    _m, model, _voc = common.load_cfm(model_dir)
    model.eval()  # as CFM.sample does (dropout off)
    from f5_tts.model.utils import convert_char_to_pinyin, list_str_to_idx

    graph = optimize.OPT_FILE if args.graph == "auto" else args.graph
    so = ort.SessionOptions()
    so.intra_op_num_threads = args.threads
    so.inter_op_num_threads = 1
    sess = ort.InferenceSession(str(model_dir / graph), so, providers=["CPUExecutionProvider"])
    D = inp["D"]
    rng = np.random.default_rng(0)
    y = rng.standard_normal((1, D, 100), dtype=np.float32)
    cond = np.zeros((1, D, 100), np.float32)
    cond[0, : inp["F"]] = rng.standard_normal((inp["F"], 100), dtype=np.float32)
    text = list_str_to_idx(convert_char_to_pinyin([inp["ref_text_tokenised"] + inp["gen_text"]]),
                           model.vocab_char_map)
    dit = model.transformer
    ty, tc = torch.from_numpy(y), torch.from_numpy(cond)
    with torch.inference_mode():  # text cache filled once, as in CFM.sample; ORT gets the same embeddings
        dit.clear_cache()
        dit(x=ty, cond=tc, text=text, time=torch.tensor(0.3), mask=None, drop_audio_cond=False, drop_text=False,
            cfg_infer=True, cache=True)
        tcond, tunc = dit.text_cond.numpy(), dit.text_uncond.numpy()
    feed = {"x": y, "cond": cond, "text_cond": tcond, "text_uncond": tunc, "time": np.array([0.3], np.float32)}

    def ort_step():
        return sess.run(None, feed)

    @torch.inference_mode()
    def torch_step():
        return dit(x=ty, cond=tc, text=text, time=torch.tensor(0.3), mask=None, drop_audio_cond=False,
                   drop_text=False, cfg_infer=True, cache=True)

    ort_step()
    torch_step()
    res = {"ort": {"wall": [], "cpu": []}, "torch": {"wall": [], "cpu": []}}
    diff = None
    for _ in range(args.reps):
        for name, fn in (("ort", ort_step), ("torch", torch_step)):
            c0, w0 = cpu_s(), time.perf_counter()
            out = fn()
            res[name]["wall"].append(time.perf_counter() - w0)
            res[name]["cpu"].append(cpu_s() - c0)
            if name == "ort":
                vc = out[0]
            else:
                diff = float(np.max(np.abs(vc - out[:1].numpy())))  # same weights, same inputs: v_cond agrees
    out = {"what": "pair", "graph": graph, "threads": args.threads, "frames": D,
           "onnxruntime_version": ort.__version__, "torch_version": torch.__version__,
           "max_abs_v_cond_ort_vs_torch": diff}
    for name in ("ort", "torch"):
        out[name] = {"step_wall_s": res[name]["wall"], "step_cpu_s": res[name]["cpu"],
                     "median_step_s": _median(res[name]["wall"]), "median_step_cpu_s": _median(res[name]["cpu"])}
    out["speedup_wall"] = out["torch"]["median_step_s"] / out["ort"]["median_step_s"]
    out["speedup_cpu"] = out["torch"]["median_step_cpu_s"] / out["ort"]["median_step_cpu_s"]
    return out


def run(args) -> int:
    model_dir = Path(args.model_dir)
    meta = json.loads((model_dir / "model.json").read_text())
    work = Path(args.json).parent
    inp = bench_input(work, args.ref_audio)
    if args.frames:
        inp["D"] = args.frames
        inp["out_seconds"] = (args.frames - inp["refA"] - 1) * 256 / 24000
    if args.what == "peak":
        res = run_peak(args)
    elif args.what == "pair":
        res = run_pair(args, inp, meta)
    elif args.what == "ort":
        res = run_ort(args, inp, meta)
    else:
        res = run_torch(args, inp, meta)
    res["input"] = inp
    (work / "input.json").write_text(json.dumps(inp, indent=2) + "\n")
    if "median_step_s" in res and res["median_step_s"]:
        fl = step_flops(meta["arch"], inp["D"])
        res["step_flops"] = fl
        res["step_gflops_wall"] = fl / res["median_step_s"] / 1e9
        res["step_gflops_per_cpu_s"] = fl / res["median_step_cpu_s"] / 1e9
    Path(args.json).write_text(json.dumps(res, indent=2) + "\n")
    print(json.dumps({k: v for k, v in res.items() if k not in ("input",)}, indent=None)[:2000])
    return 0
