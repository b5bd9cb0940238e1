"""Where one transformer step spends its time: onnxruntime's profiler over one step (after a warm-up), summed per
operator type. `python -m vqmodels.bench_profile MODEL.onnx N THREADS OUT.json` (used for models/BENCHMARKS.md)."""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from . import optimize


def main(argv=None) -> int:
    import onnxruntime as ort

    path, n, threads, out = (argv or sys.argv[1:])[:4]
    so = ort.SessionOptions()
    so.intra_op_num_threads = int(threads)
    so.enable_profiling = True
    so.profile_file_prefix = str(Path(out).with_suffix(""))
    s = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    feed = optimize.random_feed(int(n), 512)
    s.run(None, feed)  # warm-up (also profiled; dropped below by taking the last run only)
    s.run(None, feed)
    trace = json.loads(Path(s.end_profiling()).read_text())
    runs = [e for e in trace if e.get("cat") == "Session" and e.get("name") == "model_run"]
    last = runs[-1]
    t0, t1 = last["ts"], last["ts"] + last["dur"]
    per_op: dict[str, float] = defaultdict(float)
    for e in trace:
        if e.get("cat") == "Node" and e["name"].endswith("_kernel_time") and t0 <= e["ts"] <= t1:
            per_op[e["args"]["op_name"]] += e["dur"] / 1e6
    total = sum(per_op.values())
    res = {"model": Path(path).name, "frames": int(n), "threads": int(threads), "run_s": last["dur"] / 1e6,
           "kernel_s": total,
           "by_op": {k: {"s": round(v, 3), "share": round(v / total, 4)}
                     for k, v in sorted(per_op.items(), key=lambda kv: -kv[1])}}
    Path(out).write_text(json.dumps(res, indent=2) + "\n")
    print(json.dumps({k: res[k] for k in ("model", "run_s", "kernel_s")}),
          ", ".join(f"{k} {v['share']:.1%}" for k, v in list(res["by_op"].items())[:8]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
