"""Shared helpers: import of the official f5_tts package, model construction, file formats."""
from __future__ import annotations

import hashlib
import json
import sys
import types
from importlib.resources import files
from pathlib import Path

import numpy as np

CONTRACT_VERSION = 1
OPSET = 17
SAMPLE_RATE = 24000
HOP = 256
N_MELS = 100
LICENCE = (
    "Weights of the official F5-TTS / E2-TTS checkpoints (SWivid, Hugging Face) are licensed CC-BY-NC 4.0 "
    "(training data Emilia): non-commercial use only; every ONNX file derived from them inherits that licence. "
    "Random-weight exports carry no model licence. f5-tts code: MIT; Vocos code: MIT."
)
MODELS = {
    "F5TTS_v1_Base": ("F5-TTS", "DiT"),
    "F5TTS_Base": ("F5-TTS", "DiT"),
    "E2TTS_Base": ("E2-TTS", "UNetT"),
}
# Reduced dims for committed fixtures: same code paths (ConvNeXt text blocks, U-Net skips, RoPE), tiny weights.
TINY_ARCH = {
    "DiT": dict(dim=64, depth=2, heads=2, ff_mult=2, text_dim=32, conv_layers=1),
    "UNetT": dict(dim=64, depth=2, heads=2, ff_mult=2),
}
VOCOS_FULL = dict(dim=512, intermediate_dim=1536, num_layers=8)
VOCOS_TINY = dict(dim=64, intermediate_dim=128, num_layers=1)


def import_official():
    """Imports f5_tts. Modules that f5_tts imports only for training/ASR/plots (wandb, datasets, accelerate,
    transformers) are replaced by inert stubs when absent: none of them is on the inference path."""
    stubs = {
        "wandb": {},
        "datasets": {"Dataset": object, "load_from_disk": None},
        "accelerate": {"Accelerator": object},
        "accelerate.utils": {"DistributedDataParallelKwargs": object},
        "transformers": {"pipeline": None},
    }
    for name, attrs in stubs.items():
        if name in sys.modules:
            continue
        try:
            __import__(name)
        except ImportError:
            mod = types.ModuleType(name)
            mod.__dict__.update(attrs)
            mod.__vq_stub__ = True
            sys.modules[name] = mod
    import f5_tts.infer.utils_infer as utils_infer  # noqa: F401

    return utils_infer


def official_config(model_name: str):
    from omegaconf import OmegaConf

    return OmegaConf.load(str(files("f5_tts").joinpath(f"configs/{model_name}.yaml")))


def official_vocab_path() -> Path:
    return Path(str(files("f5_tts").joinpath("infer/examples/vocab.txt")))


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def vocos_config(tiny: bool) -> dict:
    b = VOCOS_TINY if tiny else VOCOS_FULL
    return {
        "feature_extractor": {
            "class_path": "vocos.feature_extractors.MelSpectrogramFeatures",
            "init_args": {"sample_rate": SAMPLE_RATE, "n_fft": 1024, "hop_length": HOP, "n_mels": N_MELS,
                          "padding": "center"},
        },
        "backbone": {
            "class_path": "vocos.models.VocosBackbone",
            "init_args": {"input_channels": N_MELS, **b},
        },
        "head": {
            "class_path": "vocos.heads.ISTFTHead",
            "init_args": {"dim": b["dim"], "n_fft": 1024, "hop_length": HOP, "padding": "center"},
        },
    }


def load_cfm(model_dir: Path):
    """Loads the CFM model of a model directory with the official `load_model` (fp32, CPU)."""
    import torch

    ui = import_official()
    from f5_tts.model import DiT, UNetT

    meta = json.loads((model_dir / "model.json").read_text())
    cls = DiT if meta["backbone"] == "DiT" else UNetT
    ckpt = meta.get("checkpoint_file") or "model.safetensors"
    ckpt_path = Path(ckpt) if Path(ckpt).is_absolute() else model_dir / ckpt
    model = ui.load_model(cls, dict(meta["arch"]), str(ckpt_path), mel_spec_type="vocos",
                          vocab_file=str(model_dir / meta["vocab_file"]), device="cpu")
    assert next(model.parameters()).dtype == torch.float32
    vocoder = ui.load_vocoder("vocos", is_local=True, local_path=str(model_dir / "vocos"), device="cpu")
    return meta, model, vocoder


class ArrayWriter:
    """Raw little-endian arrays + a JSON index that Java reads without numpy."""

    def __init__(self, out: Path):
        self.out = out
        self.index: dict[str, dict] = {}
        out.mkdir(parents=True, exist_ok=True)

    def put(self, name: str, arr, dtype: str):
        a = np.ascontiguousarray(np.asarray(arr), dtype=np.dtype(dtype).newbyteorder("<"))
        fname = f"{name}.bin"
        a.tofile(self.out / fname)
        self.index[name] = {"file": fname, "dtype": dtype, "shape": list(a.shape)}


def read_array(base: Path, entry: dict) -> np.ndarray:
    dt = np.dtype(entry["dtype"]).newbyteorder("<")
    return np.fromfile(base / entry["file"], dtype=dt).reshape(entry["shape"])
