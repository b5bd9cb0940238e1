"""What int8 would give on this CPU (BENCHMARKS.md, "what would reach the target"): an experiment, not a default.

    PYTHONPATH=models models/.venv/bin/python -m vqmodels.int8 --model-dir models/build/f5-v1-base-random \
        --out models/build/int8 [--graph transformer.opt.onnx] [--frames 1410] [--threads 2] [--reps 3]

1. `onnxruntime.quantization.quantize_dynamic` of the (fused) transformer graph: MatMul weights int8 per output
   channel (symmetric), activations quantised per call to uint8 (`DynamicQuantizeMatMul` / `MatMulInteger`: the
   u8·s8 VNNI kernels of MLAS); everything else stays fp32. Written to `--out` (git-ignored, never committed).
2. One transformer step at `--frames` on the same random inputs, fp32 and int8 sessions in one process,
   interleaved (1 warm-up + `--reps`), CPU-seconds and wall, plus max |v_cond int8 − fp32| and |v_uncond …|.

The engine's parity tests hold the generated mel to 1e-4 of the PyTorch golden; int8 is not expected to: the
figure says what the speed target would cost in accuracy, before any quality gate (mel SNR, listening) exists."""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np

from .optimize import random_feed, session


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m vqmodels.int8")
    ap.add_argument("--model-dir", required=True)
    ap.add_argument("--graph", default="transformer.opt.onnx")
    ap.add_argument("--out", required=True)
    ap.add_argument("--frames", type=int, default=1410)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args(argv)
    import onnx
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model_dir, out = Path(args.model_dir), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    fp32 = model_dir / args.graph
    int8 = out / "transformer.int8.onnx"
    t0 = time.perf_counter()
    if not int8.exists():
        quantize_dynamic(str(fp32), str(int8), op_types_to_quantize=["MatMul"], per_channel=True,
                         weight_type=QuantType.QInt8, extra_options={"MatMulConstBOnly": True,
                                        "DefaultTensorType": onnx.TensorProto.FLOAT})
    quant_s = time.perf_counter() - t0
    text_dim = int(json.loads((model_dir / "model.json").read_text())["text_dim"])
    feed = random_feed(args.frames, text_dim, seed=1)
    sessions = {"fp32": session(fp32, args.threads), "int8": session(int8, args.threads)}
    outputs = {k: s.run(["v_cond", "v_uncond"], feed) for k, s in sessions.items()}  # warm-up + outputs
    wall = {k: [] for k in sessions}
    cpu = {k: [] for k in sessions}
    for _ in range(args.reps):
        for k, s in sessions.items():
            c0, w0 = os.times(), time.perf_counter()
            s.run(["v_cond", "v_uncond"], feed)
            w1, c1 = time.perf_counter(), os.times()
            wall[k].append(round(w1 - w0, 3))
            cpu[k].append(round((c1.user - c0.user) + (c1.system - c0.system), 2))
    a, b = outputs["fp32"], outputs["int8"]
    ops = {}
    for n in onnx.load(str(int8), load_external_data=False).graph.node:
        if n.op_type in ("DynamicQuantizeMatMul", "MatMulInteger", "DynamicQuantizeLinear", "MatMul"):
            ops[n.op_type] = ops.get(n.op_type, 0) + 1
    result = {
        "what": "int8 dynamic quantisation, one transformer step", "graph": args.graph, "frames": args.frames,
        "threads": args.threads, "onnxruntime_version": ort.__version__, "quantize_seconds": round(quant_s, 1),
        "bytes": {"fp32_weights": sum(p.stat().st_size for p in model_dir.glob(args.graph + "*")),
                  "int8": int8.stat().st_size},
        "int8_ops": ops,
        "step_wall_s": wall, "step_cpu_s": cpu,
        "median_step_wall_s": {k: float(np.median(v)) for k, v in wall.items()},
        "median_step_cpu_s": {k: float(np.median(v)) for k, v in cpu.items()},
        "speedup_cpu": float(np.median(cpu["fp32"]) / max(np.median(cpu["int8"]), 1e-9)),
        "speedup_wall": float(np.median(wall["fp32"]) / np.median(wall["int8"])),
        "max_abs_v_cond": float(np.max(np.abs(a[0] - b[0]))), "max_abs_v_uncond": float(np.max(np.abs(a[1] - b[1]))),
        "max_abs_ref": float(max(np.max(np.abs(a[0])), np.max(np.abs(a[1])))),
        "rel_rms_v_cond": float(np.sqrt(np.mean((a[0] - b[0]) ** 2)) / np.sqrt(np.mean(a[0] ** 2))),
        "load": os.getloadavg(),
    }
    (out / "int8.json").write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
