"""`vq-models fetch`: downloads the published official checkpoints (Hugging Face) + vocab + Vocos and checks
them against pins in models/fetch-sha256.txt. Needs network access to huggingface.co (absent on VoiceQueue
dev/CI machines: the command then fails with exit code 3 and says what to do)."""
from __future__ import annotations

import hashlib
import sys
import urllib.error
import urllib.request
from pathlib import Path

from . import common

HF = "https://huggingface.co"
FILES = {
    "F5-TTS": [
        ("model_1250000.safetensors", f"{HF}/SWivid/F5-TTS/resolve/main/F5TTS_v1_Base/model_1250000.safetensors"),
        ("vocab.txt", f"{HF}/SWivid/F5-TTS/resolve/main/F5TTS_v1_Base/vocab.txt"),
    ],
    "E2-TTS": [
        ("model_1200000.safetensors", f"{HF}/SWivid/E2-TTS/resolve/main/E2TTS_Base/model_1200000.safetensors"),
    ],
}
VOCOS = [
    ("vocos/config.yaml", f"{HF}/charactr/vocos-mel-24khz/resolve/main/config.yaml"),
    ("vocos/pytorch_model.bin", f"{HF}/charactr/vocos-mel-24khz/resolve/main/pytorch_model.bin"),
]
PINS = Path(__file__).resolve().parent.parent / "fetch-sha256.txt"


def _pins() -> dict[str, str]:
    pins = {}
    if PINS.exists():
        for line in PINS.read_text().splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                digest, url = line.split(None, 1)
                pins[url] = digest
    return pins


def run(args) -> int:
    print("LICENCE: the official F5-TTS / E2-TTS weights are CC-BY-NC 4.0 (non-commercial only; training data "
          "Emilia). Graphs exported from them inherit that licence. Vocos code is MIT.", file=sys.stderr)
    out = Path(args.out)
    pins = _pins()
    todo = FILES[args.model] + VOCOS
    for name, url in todo:
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with urllib.request.urlopen(url, timeout=20) as resp, open(str(target) + ".part", "wb") as f:
                h = hashlib.sha256()
                for block in iter(lambda: resp.read(1 << 20), b""):
                    h.update(block)
                    f.write(block)
        except (urllib.error.URLError, OSError, TimeoutError) as e:
            Path(str(target) + ".part").unlink(missing_ok=True)
            print(f"fetch failed: cannot download {url}: {e}\n"
                  f"This machine has no access to huggingface.co. Download the files listed in models/README.md "
                  f"on a machine that has, copy them to {out}, then run: models/vq-models export --model "
                  f"{'F5TTS_v1_Base' if args.model == 'F5-TTS' else 'E2TTS_Base'} --checkpoint {out}/{todo[0][0]} "
                  f"--vocoder-dir {out}/vocos --out <dir>", file=sys.stderr)
            return 3
        digest = h.hexdigest()
        pinned = pins.get(url)
        if pinned and pinned != digest:
            Path(str(target) + ".part").unlink()
            print(f"fetch failed: SHA-256 mismatch for {url}: got {digest}, pinned {pinned}", file=sys.stderr)
            return 4
        Path(str(target) + ".part").rename(target)
        print(f"{digest}  {url}  {'verified' if pinned else 'NOT PINNED - add it to models/fetch-sha256.txt'}")
    if args.model == "E2-TTS":
        import shutil

        shutil.copyfile(common.official_vocab_path(), out / "vocab.txt")
    return 0
