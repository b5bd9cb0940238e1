"""`vq-models optimize`: export-time graph optimisation of `transformer.onnx` -> `transformer.opt.onnx`.

Two passes, both offline so the worker loads the result as it is (GRAPH-CONTRACT.md §2.3 interface unchanged):

1. Attention -> `com.microsoft.MultiHeadAttention` (own pattern match, per block). torch exports
   `scaled_dot_product_attention` at opset 17 as `Mul(q, √s) · Mul(kᵀ, √s) -> Softmax -> MatMul(v)` followed by
   `Transpose(0,2,1,3) + Reshape` to [B, N, H·Dh]; the [2B, H, N, N] score tensor is written and read three times per
   block (250 MB at N = 1400). RoPE stays in front (q, k arrive as BNSH); the fused op gets query, key and value all
   as BSD (Transpose(0,2,1,3) + Reshape each). That layout matters: ORT's CPU MHA kernel takes its blocked
   flash-attention path (MlasFlashAttention, tiles sized from the L2 cache) only when key/value are not passed as
   BNSH; with BNSH key/value (our first version) it materialises the [2B, H, N, N] scores — ~240 MB more resident
   per step at D = 1410 and 2.7 % more CPU per step (BENCHMARKS.md, "Worker memory"). The extra transposes of V
   cancel in ORT's transpose optimizer. ORT's own BERT attention fusion does not match this graph
   (RoPE, no mask, no packed QKV) — checked: it reports 0 Attention.
2. ORT transformer optimizer fusions (`onnxruntime.transformers.optimizer.optimize_by_fusion`, model_type bert):
   LayerNorm / SkipLayerNorm / BiasSkipLayerNorm, GELU (tanh form -> FastGelu, + bias), with attention fusion off.

3. Weights written as external data with 4 KiB-aligned offsets (`transformer.opt.onnx.data`, see
   `save_external_aligned`): ORT memory-maps them on CPU instead of parsing a 1.3 GB protobuf and copying it.

Then a parity check on random inputs (max |opt − base| of v_cond, v_uncond at a sequence length different from the
export trace) and `model.json` gets `graphs.transformer_optimized` {file, sha256, bytes, base_sha256, parity, ...}.
The result is cached: a second run with an unchanged base sha256 does nothing. Full-size files are git-ignored
(models/build/, models/full/)."""
from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from . import common

OPT_FILE = "transformer.opt.onnx"
# recorded in model.json; a cached graph built by other passes is rebuilt
PASSES = ["MultiHeadAttention (vq pattern, q/k/v BSD: flash path)", "ort bert fusions"]
OPT_DATA = "transformer.opt.onnx.data"
PAGE = 4096


def save_external_aligned(model, out: Path, data_name: str, threshold: int = 1024) -> None:
    """Saves `model` as a small graph file + one weights file whose tensor offsets are 4 KiB-aligned: onnxruntime
    then memory-maps the weights on CPU instead of copying them out of a parsed protobuf (the inline file costs the
    weights twice during session creation). onnx's own writer does not align offsets, hence this writer."""
    import onnx
    from onnx.external_data_helper import set_external_data

    data_path = out.parent / data_name
    tmp = data_path.with_suffix(".tmp")
    with open(tmp, "wb") as f:
        for t in model.graph.initializer:
            if not t.HasField("raw_data") or len(t.raw_data) < threshold:
                continue
            pos = f.tell()
            pad = (-pos) % PAGE
            if pad:
                f.write(b"\0" * pad)
                pos += pad
            f.write(t.raw_data)
            set_external_data(t, data_name, offset=pos, length=len(t.raw_data))
            t.ClearField("raw_data")
            t.data_location = onnx.TensorProto.EXTERNAL
    tmp.replace(data_path)
    onnx.save(model, str(out))


def _fuse_attention(model, num_heads: int) -> int:
    """Replaces every SDPA subgraph by com.microsoft.MultiHeadAttention; returns the number fused."""
    import onnx
    from onnx import helper, numpy_helper

    g = model.graph
    prod = {o: n for n in g.node for o in n.output}
    cons: dict[str, list] = {}
    for n in g.node:
        for i in n.input:
            cons.setdefault(i, []).append(n)
    remove, add = [], []
    fused = 0
    shape_name = "vq_mha_bsd_shape"
    g.initializer.append(numpy_helper.from_array(np.array([0, 0, -1], dtype=np.int64), shape_name))
    for sm in [n for n in g.node if n.op_type == "Softmax"]:
        qk = prod.get(sm.input[0])
        if qk is None or qk.op_type != "MatMul":
            continue
        mq, mk = prod.get(qk.input[0]), prod.get(qk.input[1])
        if mq is None or mk is None or mq.op_type != "Mul" or mk.op_type != "Mul":
            continue
        kt = prod.get(mk.input[0])
        if kt is None or kt.op_type != "Transpose" or list(kt.attribute[0].ints) != [0, 1, 3, 2]:
            continue
        users = cons.get(sm.output[0], [])
        if len(users) != 1 or users[0].op_type != "MatMul":
            continue
        av = users[0]
        tr = cons.get(av.output[0], [])
        if len(tr) != 1 or tr[0].op_type != "Transpose" or list(tr[0].attribute[0].ints) != [0, 2, 1, 3]:
            continue
        rs = cons.get(tr[0].output[0], [])
        if len(rs) != 1 or rs[0].op_type != "Reshape":
            continue

        sq, sk = prod.get(mq.input[1]), prod.get(mk.input[1])
        same_scale = mq.input[1] == mk.input[1] or (
            sq is not None and sk is not None and sq.op_type == sk.op_type == "Sqrt" and sq.input[0] == sk.input[0])
        if not same_scale:  # the default SDPA scale 1/√Dh = MHA's default; anything else is left alone
            continue
        p = sm.name.rsplit("/", 1)[0] + "/vq_mha"
        bsd = []
        for tag, bnsh in (("q", mq.input[0]), ("k", kt.input[0]), ("v", av.input[1])):
            add.append(helper.make_node("Transpose", [bnsh], [f"{p}/{tag}_bsnh"], name=f"{p}/{tag}_transpose",
                                        perm=[0, 2, 1, 3]))
            add.append(helper.make_node("Reshape", [f"{p}/{tag}_bsnh", shape_name], [f"{p}/{tag}_bsd"],
                                        name=f"{p}/{tag}_reshape"))
            bsd.append(f"{p}/{tag}_bsd")
        add.append(helper.make_node("MultiHeadAttention", bsd, [rs[0].output[0]], name=p,
                                    domain="com.microsoft", num_heads=num_heads))
        remove += [qk, mq, mk, kt, sm, av, tr[0], rs[0]]
        fused += 1
    ids = {id(n) for n in remove}
    keep = [n for n in g.node if id(n) not in ids]
    del g.node[:]
    g.node.extend(keep + add)
    if fused and not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(onnx.helper.make_opsetid("com.microsoft", 1))
    return fused


def _op_histogram(model) -> dict:
    hist: dict[str, int] = {}
    for n in model.graph.node:
        hist[n.op_type] = hist.get(n.op_type, 0) + 1
    return hist


def random_feed(n: int, text_dim: int, seed: int = 0, batch: int = 1) -> dict:
    r = np.random.default_rng(seed)
    return {
        "x": r.standard_normal((batch, n, 100), dtype=np.float32),
        "cond": r.standard_normal((batch, n, 100), dtype=np.float32),
        "text_cond": r.standard_normal((batch, n, text_dim), dtype=np.float32),
        "text_uncond": r.standard_normal((batch, n, text_dim), dtype=np.float32),
        "time": np.full((batch,), 0.3, dtype=np.float32),
    }


def session(path: Path, threads: int, level: str = "all"):
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.graph_optimization_level = {
        "all": ort.GraphOptimizationLevel.ORT_ENABLE_ALL,
        "extended": ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
        "basic": ort.GraphOptimizationLevel.ORT_ENABLE_BASIC,
    }[level]
    return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])


def parity(base: Path, opt: Path, text_dim: int, n: int, threads: int) -> dict:
    feed = random_feed(n, text_dim, seed=1)
    a = session(base, threads).run(None, feed)
    b = session(opt, threads).run(None, feed)
    diffs = [float(np.max(np.abs(x - y))) for x, y in zip(a, b)]
    scale = [float(np.max(np.abs(x))) for x in a]
    return {"frames": n, "max_abs_v_cond": diffs[0], "max_abs_v_uncond": diffs[1], "max_abs_ref": max(scale)}


def step_latency_ab(paths: list[Path], text_dim: int, n: int, threads: int, warmup: int, reps: int) -> list[dict]:
    """Per-step latency of several graphs, interleaved A/B/A/B in one process so that a shared, busy machine
    slows them alike (sequential runs on a loaded 2-core box differed by 2x for the same graph)."""
    import os

    sessions, loads = [], []
    for p in paths:
        t0 = time.perf_counter()
        sessions.append(session(p, threads))
        loads.append(time.perf_counter() - t0)
    feed = random_feed(n, text_dim)
    for s in sessions:
        for _ in range(warmup):
            s.run(None, feed)
    wall = [[] for _ in paths]
    cpu = [[] for _ in paths]
    for _ in range(reps):
        for i, s in enumerate(sessions):
            c0, w0 = os.times(), time.perf_counter()
            s.run(None, feed)
            w1, c1 = time.perf_counter(), os.times()
            wall[i].append(w1 - w0)
            cpu[i].append((c1.user - c0.user) + (c1.system - c0.system))
    return [{"file": p.name, "frames": n, "threads": threads, "session_load_s": round(loads[i], 2),
             "step_wall_s": [round(x, 3) for x in wall[i]], "step_cpu_s": [round(x, 3) for x in cpu[i]],
             "median_step_wall_s": float(np.median(wall[i])), "min_step_wall_s": float(np.min(wall[i])),
             "median_step_cpu_s": float(np.median(cpu[i]))} for i, p in enumerate(paths)]


def optimize(model_dir: Path, force: bool = False, parity_frames: int = 77, threads: int = 2) -> dict:
    import onnx
    import onnxruntime as ort
    from onnxruntime.transformers.fusion_options import FusionOptions
    from onnxruntime.transformers.optimizer import optimize_by_fusion

    manifest_path = model_dir / "model.json"
    meta = json.loads(manifest_path.read_text())
    base = model_dir / meta["graphs"]["transformer"]["file"]
    out = model_dir / OPT_FILE
    base_sha = meta["graphs"]["transformer"]["sha256"]
    entry = meta["graphs"].get("transformer_optimized")
    if (not force and entry and entry.get("base_sha256") == base_sha and entry.get("passes") == PASSES
            and out.exists()
            and out.stat().st_size == entry.get("bytes") and "external_data" in entry
            and (model_dir / OPT_DATA).stat().st_size == entry["external_data"]["bytes"]):
        print(f"optimize: cached {out} (base sha256 unchanged)")
        return entry

    arch = meta["arch"]
    heads, dim = int(arch["heads"]), int(arch["dim"])
    t0 = time.perf_counter()
    model = onnx.load(str(base))
    before = _op_histogram(model)
    n_mha = _fuse_attention(model, heads)
    opts = FusionOptions("bert")
    opts.enable_attention = False          # done above; ORT's BERT pattern does not match (RoPE, no mask)
    opts.enable_rotary_embeddings = False  # F5 RoPE is split over half the head dims + concat; left to ORT
    opts.enable_embed_layer_norm = False
    opts.enable_shape_inference = False    # symbolic shape inference on 1.3 GB adds minutes and fuses nothing more
    fused = optimize_by_fusion(model, model_type="bert", num_heads=heads, hidden_size=dim,
                               optimization_options=opts)
    fused.topological_sort()
    stats = {k: v for k, v in fused.get_fused_operator_statistics().items() if v}
    stats["MultiHeadAttention"] = n_mha
    proto = fused.model
    after = _op_histogram(proto)
    proto.producer_name = "voicequeue vq-models optimize"
    save_external_aligned(proto, out, OPT_DATA)
    build_s = time.perf_counter() - t0
    del model, fused, proto

    par = parity(base, out, int(meta["text_dim"]), parity_frames, threads)
    tol = 1e-3 * max(1.0, par["max_abs_ref"])
    ok = max(par["max_abs_v_cond"], par["max_abs_v_uncond"]) <= tol
    entry = {
        "file": OPT_FILE, "sha256": common.sha256(out), "bytes": out.stat().st_size, "base_sha256": base_sha,
        "external_data": {"file": OPT_DATA, "sha256": common.sha256(model_dir / OPT_DATA),
                          "bytes": (model_dir / OPT_DATA).stat().st_size, "offset_alignment": PAGE},
        "onnxruntime_version": ort.__version__, "passes": PASSES,
        "fused": stats, "node_count": {"before": sum(before.values()), "after": sum(after.values())},
        "parity": {**par, "tolerance": tol, "ok": ok}, "build_seconds": round(build_s, 1),
        "note": "same inputs/outputs as transformer.onnx; needs com.microsoft contrib ops (ORT CPU/CUDA); weights "
                "in external_data (4 KiB-aligned, memory-mapped by ORT on CPU): keep both files together",
    }
    if not ok:
        out.unlink()
        (model_dir / OPT_DATA).unlink()
        raise SystemExit(f"optimize: parity FAILED {par} (tolerance {tol}); {out} removed")
    meta["graphs"]["transformer_optimized"] = entry
    manifest_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    print(f"optimize: {out} ({entry['bytes'] / 1e6:.1f} MB, {build_s:.0f} s) fused {stats}, "
          f"nodes {entry['node_count']}, parity max abs {max(par['max_abs_v_cond'], par['max_abs_v_uncond']):.2e}")
    return entry


def run(args) -> int:
    model_dir = Path(args.model_dir)
    entry = optimize(model_dir, force=args.force, threads=args.threads)
    result = {"optimized": entry}
    if args.time_frames:
        meta = json.loads((model_dir / "model.json").read_text())
        td = int(meta["text_dim"])
        result["latency"] = step_latency_ab([model_dir / meta["graphs"]["transformer"]["file"],
                                             model_dir / OPT_FILE], td, args.time_frames, args.threads,
                                            args.warmup, args.reps)
        b, o = result["latency"]
        print(f"per-step at N={args.time_frames}, {args.threads} threads, interleaved: base median "
              f"{b['median_step_wall_s']:.2f} s (min {b['min_step_wall_s']:.2f}, CPU {b['median_step_cpu_s']:.1f} s), "
              f"opt median {o['median_step_wall_s']:.2f} s (min {o['min_step_wall_s']:.2f}, CPU "
              f"{o['median_step_cpu_s']:.1f} s): x{b['median_step_wall_s'] / o['median_step_wall_s']:.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    return 0
