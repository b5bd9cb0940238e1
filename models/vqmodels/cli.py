"""Entry point of `models/vq-models` (argparse subcommands)."""
from __future__ import annotations

import argparse
import sys


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="vq-models")
    sub = p.add_subparsers(dest="cmd", required=True)

    e = sub.add_parser("export", help="export ONNX graphs + model.json (GRAPH-CONTRACT.md)")
    e.add_argument("--model", required=True, choices=["F5TTS_v1_Base", "F5TTS_Base", "E2TTS_Base"])
    e.add_argument("--checkpoint", help="official .safetensors/.pt; random seeded weights when absent")
    e.add_argument("--vocab", help="vocab.txt (default: the one shipped in f5-tts)")
    e.add_argument("--vocoder-dir", help="dir with Vocos config.yaml + pytorch_model.bin (random when absent)")
    e.add_argument("--tiny", action="store_true", help="reduced dims/depth for fixtures")
    e.add_argument("--seed", type=int, default=0)
    e.add_argument("--out", required=True)

    g = sub.add_parser("golden", help="run the official f5_tts inference with injected noise, save arrays")
    g.add_argument("--model-dir", required=True)
    g.add_argument("--out", required=True)
    g.add_argument("--ref-audio", required=True)
    g.add_argument("--ref-text", required=True)
    g.add_argument("--gen-text", required=True)
    g.add_argument("--nfe", type=int, default=8)
    g.add_argument("--cfg", type=float, default=2.0)
    g.add_argument("--sway", type=float, default=-1.0)
    g.add_argument("--speed", type=float, default=1.0)
    g.add_argument("--seed", type=int, default=42)
    g.add_argument("--trajectory", action="store_true", help="also save y after every Euler step")

    c = sub.add_parser("parity", help="run the ONNX graphs as GRAPH-CONTRACT.md says, compare with a golden")
    c.add_argument("--model-dir", required=True)
    c.add_argument("--golden", required=True)

    f = sub.add_parser("fetch", help="download official checkpoint + vocab + Vocos (needs Hugging Face access)")
    f.add_argument("--model", required=True, choices=["F5-TTS", "E2-TTS"])
    f.add_argument("--out", required=True)

    t = sub.add_parser("tokens", help="official tokenisation of a corpus (one sentence per line) -> TSV")
    t.add_argument("--vocab", required=True)
    t.add_argument("--input", required=True)
    t.add_argument("--out", required=True)

    o = sub.add_parser("optimize", help="fuse attention/LayerNorm/GELU into transformer.opt.onnx (+ parity, manifest)")
    o.add_argument("--model-dir", required=True)
    o.add_argument("--force", action="store_true", help="rebuild even when the cached file matches")
    o.add_argument("--threads", type=int, default=2)
    o.add_argument("--time-frames", type=int, default=0, help="also time one step of both graphs at N frames")
    o.add_argument("--warmup", type=int, default=1)
    o.add_argument("--reps", type=int, default=3)
    o.add_argument("--json", help="write the result as JSON")

    b = sub.add_parser("bench", help="one implementation of the engine benchmark (see models/BENCHMARKS.md)")
    b.add_argument("what", choices=["ort", "torch", "peak", "pair"])
    b.add_argument("--model-dir", required=True)
    b.add_argument("--ref-audio", help="reference WAV (24 kHz mono); made with espeak-ng when absent")
    b.add_argument("--frames", type=int, default=0, help="D (ref + generated frames); default from the texts")
    b.add_argument("--nfe", default="8,16,32")
    b.add_argument("--threads", type=int, default=2)
    b.add_argument("--warmup", type=int, default=1)
    b.add_argument("--reps", type=int, default=3)
    b.add_argument("--graph", default="auto", help="ort: transformer.onnx | transformer.opt.onnx | auto")
    b.add_argument("--provider", default="cpu", choices=["cpu", "cuda"])
    b.add_argument("--full", action="store_true", help="run whole syntheses per nfe instead of composing")
    b.add_argument("--json", required=True)

    args = p.parse_args(argv)
    if args.cmd == "export":
        from . import export

        export.run(args)
    elif args.cmd == "golden":
        from . import golden

        golden.run(args)
    elif args.cmd == "parity":
        from . import parity

        return parity.run(args)
    elif args.cmd == "fetch":
        from . import fetch

        return fetch.run(args)
    elif args.cmd == "tokens":
        from . import tokens

        tokens.run(args)
    elif args.cmd == "optimize":
        from . import optimize

        return optimize.run(args)
    elif args.cmd == "bench":
        from . import bench

        return bench.run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
