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
    return 0


if __name__ == "__main__":
    sys.exit(main())
