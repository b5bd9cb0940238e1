"""Turns the raw results of `scripts/bench-engine.sh` (models/build/bench/*.json) into models/BENCHMARKS.md:
machine facts, one table (median RTF per nfe, ratio, peak RSS, efficiency share) and the JSON block."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import subprocess
from pathlib import Path

from . import bench


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def _load(p: Path):
    return json.loads(p.read_text()) if p.exists() else None


def _time_v_rss(out: Path) -> dict:
    res = {}
    f = out / "rss-time-v.txt"
    if f.exists():
        for line in f.read_text().splitlines():
            parts = line.split()
            if len(parts) == 2:
                res[parts[0]] = int(parts[1]) / 1024.0
    return res


def build(out: Path, model_dir: Path) -> dict:
    meta = json.loads((model_dir / "model.json").read_text())
    peak, ort_r, torch_r, java_r = (_load(out / f"{n}.json") for n in ("peak", "ort", "torch", "java"))
    opt = _load(out / "optimize.json")
    pair = _load(out / "pair.json")
    inp = (ort_r or torch_r or {}).get("input", {})
    files = {g["file"]: g["bytes"] for g in meta["graphs"].values()}
    graph = (java_r or {}).get("graph") or "transformer.opt.onnx"
    model_bytes = sum(b for f, b in files.items() if f != ("transformer.onnx" if "opt" in graph else
                                                          "transformer.opt.onnx"))
    fl = bench.step_flops(meta["arch"], inp.get("D", 0)) if inp else None
    rows = {}
    for name, r in (("java", java_r), ("ort-python", ort_r), ("torch", torch_r)):
        if r:
            step = r.get("median_step_s")
            rows[name] = {
                "rtf": {k: v["rtf"] for k, v in r["runs"].items()},
                "rtf_cpu": {k: v.get("rtf_cpu") for k, v in r["runs"].items()},
                "median_step_s": step,
                "median_step_cpu_s": r.get("median_step_cpu_s"),
                "peak_rss_mb": r.get("peak_rss_mb"),
                "step_gflops_wall": fl / step / 1e9 if (fl and step) else None,
            }
    ratio, ratio_cpu = {}, {}
    if java_r and torch_r:
        ratio = {k: torch_r["runs"][k]["rtf"] / java_r["runs"][k]["rtf"] for k in java_r["runs"]}
        ratio_cpu = {k: torch_r["runs"][k]["rtf_cpu"] / java_r["runs"][k]["rtf_cpu"] for k in java_r["runs"]
                     if torch_r["runs"][k].get("rtf_cpu") and java_r["runs"][k].get("rtf_cpu")}
    share = {}
    if peak:
        for name, r in rows.items():
            if r["step_gflops_wall"]:
                r["share_of_peak_wall"] = r["step_gflops_wall"] / peak["gflops_wall"]
        for name, r in (("java", java_r), ("ort-python", ort_r), ("torch", torch_r)):
            if r and fl and r.get("median_step_cpu_s"):
                share[name] = fl / r["median_step_cpu_s"] / 1e9 / peak["gflops_per_cpu_s"]
    uptime = {p.stem: p.read_text().strip() for p in sorted(out.glob("uptime-*.txt"))}
    return {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {"cpu": _cpu_model(), "cores": int(subprocess.check_output(["nproc"]).strip()),
                    "uptime": uptime},
        "model": {"name": meta["model"], "source": meta["source"], "seed": meta.get("seed"),
                  "params": meta["parameter_count"], "graph_bytes": files, "model_bytes_loaded": model_bytes},
        "input": inp, "step_flops": fl, "peak": peak, "optimize": opt, "rows": rows,
        "speedup_torch_over_java": ratio, "speedup_torch_over_java_cpu": ratio_cpu, "share_of_peak_per_cpu_s": share,
        "rss_time_v_mb": _time_v_rss(out),
        "pair_interleaved": pair,
        "raw": {"java": java_r, "ort": ort_r, "torch": torch_r},
    }


def markdown(rep: dict) -> str:
    rows, m = rep["rows"], rep["machine"]
    nfes = ["8", "16", "32"]
    f = lambda v, spec: "n/a" if v is None else format(v, spec)  # noqa: E731
    lines = [
        "| implementation | RTF 8 (EPSS) | RTF 16 (EPSS) | RTF 32 | CPU-RTF 8 | CPU-RTF 16 | CPU-RTF 32 | "
        "step s (wall / CPU) | share of peak (per CPU-s) | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in rows.items():
        rtf = " | ".join(f(r["rtf"].get(n), ".2f") for n in nfes)
        rtc = " | ".join(f(r["rtf_cpu"].get(n), ".2f") for n in nfes)
        sh = rep["share_of_peak_per_cpu_s"].get(name)
        lines.append(f"| {name} | {rtf} | {rtc} | {f(r['median_step_s'], '.1f')} / "
                     f"{f(r['median_step_cpu_s'], '.1f')} | {f(sh, '.0%')} | {f(r['peak_rss_mb'], '.0f')} |")
    ratio = rep["speedup_torch_over_java"]
    rc = rep["speedup_torch_over_java_cpu"]
    ratio_s = ", ".join(f"nfe {k}: {v:.2f}×" for k, v in ratio.items()) if ratio else "n/a"
    rc_s = ", ".join(f"nfe {k}: {v:.2f}×" for k, v in rc.items()) if rc else "n/a"
    pk = rep["peak"] or {}
    pr = rep.get("pair_interleaved")
    pair_s = ""
    if pr:
        pair_s = (f"Interleaved in one process (`bench pair`, same load for both): ORT step "
                  f"{pr['ort']['median_step_s']:.2f} s wall / {pr['ort']['median_step_cpu_s']:.1f} CPU-s, PyTorch "
                  f"{pr['torch']['median_step_s']:.2f} s / {pr['torch']['median_step_cpu_s']:.1f} CPU-s → ours "
                  f"{pr['speedup_wall']:.2f}× (wall), {pr['speedup_cpu']:.2f}× (CPU); v_cond max |ORT − torch| "
                  f"{pr['max_abs_v_cond_ort_vs_torch']:.1e}.\n")
    return "\n".join(lines) + (
        f"\n\nSpeed-up of ours (PyTorch RTF / Java RTF, > 1 = ours faster): wall {ratio_s}; CPU-normalised {rc_s}.\n"
        f"Matrix-multiply peak ({pk.get('op', 'n/a')}, {pk.get('threads')} threads): "
        f"{pk.get('gflops_wall', 0):.1f} GFLOP/s wall (best rep), {pk.get('gflops_per_cpu_s', 0):.1f} GFLOP per "
        f"CPU-second. Work per step: {rep['step_flops'] / 1e12:.3f} TFLOP at D = {rep['input'].get('D')} "
        f"(both CFG rows). Machine: {m['cpu']}, {m['cores']} cores; load: {m['uptime']}.\n" + pair_s)


def main(argv=None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--model-dir", required=True)
    p.add_argument("--md", required=True)
    a = p.parse_args(argv)
    rep = build(Path(a.out), Path(a.model_dir))
    (Path(a.out) / "report.json").write_text(json.dumps(rep, indent=2) + "\n")
    table = markdown(rep)
    md = Path(a.md)
    text = md.read_text() if md.exists() else ""
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    block = (f"{begin}\nGenerated by `scripts/bench-engine.sh` on {rep['date']}.\n\n{table}\n```json\n"
             + json.dumps({k: v for k, v in rep.items() if k != "raw"}, indent=1) + f"\n```\n{end}")
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end):]
    else:
        text = (text or "# Engine benchmarks\n\n") + "\n" + block + "\n"
    md.write_text(text)
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
