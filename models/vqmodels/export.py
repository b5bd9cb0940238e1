"""`vq-models export`: official f5_tts model (+ Vocos) -> mel/text_embed/transformer/vocoder ONNX graphs + model.json."""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import numpy as np

from . import common


def _randomise(model, seed: int):
    """Seeded random weights. The official `initialize_weights` zeroes AdaLN, the output projection and GRN, which
    would make every velocity exactly 0 and every parity check trivial, so those tensors get N(0, 0.02) too."""
    import torch

    g = torch.Generator().manual_seed(seed + 1)
    with torch.no_grad():
        for _, p in sorted(model.named_parameters()):
            if torch.count_nonzero(p) == 0:
                p.copy_(torch.randn(p.shape, generator=g) * 0.02)


def build(model_name: str, tiny: bool, seed: int, checkpoint: str | None, vocab: str | None, vocoder_dir: str | None):
    import torch
    import yaml

    ui = common.import_official()
    from f5_tts.model import CFM, DiT, UNetT
    from f5_tts.model.utils import get_tokenizer
    from vocos import Vocos

    family, backbone = common.MODELS[model_name]
    cfg = common.official_config(model_name)
    arch = {k: v for k, v in dict(cfg.model.arch).items()}
    if tiny:
        arch.update(common.TINY_ARCH[backbone])
    vocab_path = Path(vocab) if vocab else common.official_vocab_path()
    vocab_char_map, vocab_size = get_tokenizer(str(vocab_path), "custom")

    torch.manual_seed(seed)
    cls = DiT if backbone == "DiT" else UNetT
    model = CFM(
        transformer=cls(**arch, text_num_embeds=vocab_size, mel_dim=common.N_MELS),
        mel_spec_kwargs=dict(n_fft=1024, hop_length=common.HOP, win_length=1024, n_mel_channels=common.N_MELS,
                             target_sample_rate=common.SAMPLE_RATE, mel_spec_type="vocos"),
        odeint_kwargs=dict(method="euler"),
        vocab_char_map=vocab_char_map,
    )
    if checkpoint:
        model = ui.load_checkpoint(model, checkpoint, "cpu", dtype=torch.float32, use_ema=True)
    else:
        _randomise(model, seed)
    model = model.float().eval()

    if vocoder_dir:
        vcfg = yaml.safe_load((Path(vocoder_dir) / "config.yaml").read_text())
        vocos = ui.load_vocoder("vocos", is_local=True, local_path=vocoder_dir, device="cpu")
    else:
        vcfg = common.vocos_config(tiny)
        tmp = Path(f"/tmp/vq-vocos-{seed}.yaml")
        tmp.write_text(yaml.safe_dump(vcfg))
        torch.manual_seed(seed + 2)
        vocos = Vocos.from_hparams(str(tmp))
    vocos = vocos.float().eval()
    return family, backbone, arch, vocab_path, vocab_size, model, vocos, vcfg


def _export(module, args, path: Path, inputs, outputs, dynamic, fold=True):
    import torch

    torch.onnx.export(module, args, str(path), input_names=inputs, output_names=outputs, dynamic_axes=dynamic,
                      opset_version=common.OPSET, dynamo=False, do_constant_folding=fold, external_data=False)


def _check(module, onnx_path: Path, feeds: dict, label: str) -> float:
    """Export self-check: ORT output vs the PyTorch module on inputs of a length other than the trace length."""
    import onnxruntime as ort
    import torch

    sess = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    got = sess.run(None, {k: v for k, v in feeds.items()})
    with torch.no_grad():
        ref = module(*[torch.from_numpy(v) for v in feeds.values()])
    ref = ref if isinstance(ref, tuple) else (ref,)
    err = max(float(np.max(np.abs(g - r.numpy()))) for g, r in zip(got, ref))
    scale = max(float(np.max(np.abs(r.numpy()))) for r in ref)
    print(f"  self-check {label}: max|ort-torch| = {err:.3g} (max|torch| = {scale:.3g})")
    if not err <= 1e-3 * max(1.0, scale):
        raise SystemExit(f"export self-check failed for {label}")
    return err


def run(args) -> None:
    import torch

    from . import graphs

    t0 = time.time()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    family, backbone, arch, vocab_path, vocab_size, model, vocos, vcfg = build(
        args.model, args.tiny, args.seed, args.checkpoint, args.vocab, args.vocoder_dir)
    t_built = time.time()
    tr = model.transformer
    text_dim = tr.text_embed.text_embed.embedding_dim
    shutil.copyfile(vocab_path, out / "vocab.txt")

    # PyTorch weights for the golden run (official load_model / load_vocoder read them back).
    if args.checkpoint:
        ckpt_file = str(Path(args.checkpoint).resolve())
    else:
        from safetensors.torch import save_file

        ckpt_file = "model.safetensors"
        save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(out / ckpt_file))
    vdir = out / "vocos"
    vdir.mkdir(exist_ok=True)
    import yaml

    (vdir / "config.yaml").write_text(yaml.safe_dump(vcfg))
    torch.save(vocos.state_dict(), vdir / "pytorch_model.bin")

    g = torch.Generator().manual_seed(1234)
    n_trace, n_check = 37, 53
    graphs_meta = {}
    with torch.no_grad():
        # mel
        mel_fb = model.mel_spec  # official MelSpec; its torchaudio transform is built lazily in the extractor
        from f5_tts.model.modules import get_vocos_mel_spectrogram, vocos_mel_stft_cache

        get_vocos_mel_spectrogram(torch.zeros(1, 2048))
        fb = next(iter(vocos_mel_stft_cache.values())).mel_scale.fb
        from . import onnx_dft

        mel = graphs.MelGraph(fb).eval()
        _export(mel, (torch.randn(1, 9000, generator=g) * 0.1, graphs.dft_kernel_mel()), out / "mel.onnx",
                ["audio", "kernel"], ["mel"], {"audio": {0: "B", 1: "S"}, "mel": {0: "B", 1: "F"}})
        onnx_dft.inline(str(out / "mel.onnx"), "mel")
        a = (torch.randn(1, 12345, generator=g) * 0.1).numpy()
        _check(mel, out / "mel.onnx", {"audio": a}, "mel (vs MelGraph)")
        _check(lambda x: mel_fb(x).permute(0, 2, 1), out / "mel.onnx", {"audio": a}, "mel (vs official MelSpec)")

        # text embedding
        te = graphs.TextEmbedGraph(tr.text_embed).eval()
        ids = torch.full((1, n_trace), -1, dtype=torch.long)
        ids[0, :20] = torch.randint(0, vocab_size, (20,), generator=g)
        _export(te, (ids,), out / "text_embed.onnx", ["text_ids"], ["text_cond", "text_uncond"],
                {"text_ids": {0: "B", 1: "N"}, "text_cond": {0: "B", 1: "N"}, "text_uncond": {0: "B", 1: "N"}})
        ids2 = np.full((1, n_check), -1, dtype=np.int64)
        ids2[0, :31] = torch.randint(0, vocab_size, (31,), generator=g).numpy()
        _check(te, out / "text_embed.onnx", {"text_ids": ids2}, "text_embed (vs wrapper)")
        raw = torch.from_numpy(ids2[:, :31])

        def official_te(_ids):
            return (tr.text_embed(raw, n_check, drop_text=False), tr.text_embed(raw, n_check, drop_text=True))

        _check(official_te, out / "text_embed.onnx", {"text_ids": ids2}, "text_embed (vs official TextEmbedding)")

        # transformer
        trg = graphs.TransformerGraph(tr).eval()
        feeds_t = lambda n: (torch.randn(1, n, 100, generator=g), torch.randn(1, n, 100, generator=g),
                             torch.randn(1, n, text_dim, generator=g), torch.randn(1, n, text_dim, generator=g),
                             torch.tensor([0.3]))
        names = ["x", "cond", "text_cond", "text_uncond", "time"]
        dyn = {k: {0: "B", 1: "N"} for k in names[:4]}
        dyn.update({"time": {0: "B"}, "v_cond": {0: "B", 1: "N"}, "v_uncond": {0: "B", 1: "N"}})
        _export(trg, feeds_t(n_trace), out / "transformer.onnx", names, ["v_cond", "v_uncond"], dyn)
        fc = dict(zip(names, [t.numpy() for t in feeds_t(n_check)]))
        _check(trg, out / "transformer.onnx", fc, "transformer")

        # vocoder
        voc = graphs.VocoderGraph(vocos).eval()
        _export(voc, (torch.randn(1, 100, n_trace, generator=g), *graphs.dft_basis_istft(voc.coef)),
                out / "vocoder.onnx", ["mel", "basis", "win_sq"], ["waveform"],
                {"mel": {0: "B", 2: "M"}, "waveform": {0: "B", 1: "L"}})
        onnx_dft.inline(str(out / "vocoder.onnx"), "vocoder", voc.coef.numpy())
        mv = torch.randn(1, 100, n_check, generator=g).numpy()
        _check(voc, out / "vocoder.onnx", {"mel": mv}, "vocoder (vs wrapper)")
        _check(lambda m: vocos.decode(m), out / "vocoder.onnx", {"mel": mv}, "vocoder (vs official Vocos.decode)")

    for name in ["mel", "text_embed", "transformer", "vocoder"]:
        p = out / f"{name}.onnx"
        graphs_meta[name] = {"file": p.name, "sha256": common.sha256(p), "bytes": p.stat().st_size}
    import f5_tts  # noqa: F401
    from importlib.metadata import version

    meta = {
        "contract_version": common.CONTRACT_VERSION,
        "model": args.model,
        "family": family,
        "backbone": backbone,
        "source": "checkpoint" if args.checkpoint else "random",
        "seed": None if args.checkpoint else args.seed,
        "tiny": bool(args.tiny),
        "arch": arch,
        "checkpoint_file": ckpt_file,
        "text_dim": text_dim,
        "mel_dim": common.N_MELS,
        "vocab_file": "vocab.txt",
        "vocab_size": vocab_size,
        "vocab_sha256": common.sha256(out / "vocab.txt"),
        "sample_rate": common.SAMPLE_RATE,
        "hop_length": common.HOP,
        "win_length": 1024,
        "n_fft": 1024,
        "n_mels": common.N_MELS,
        "mel_spec_type": "vocos",
        "opset": common.OPSET,
        "parameter_count": {"transformer": sum(p.numel() for p in tr.parameters()),
                            "vocoder": sum(p.numel() for p in vocos.parameters())},
        "f5_tts_version": version("f5-tts"),
        "torch_version": torch.__version__,
        "graphs": graphs_meta,
        "defaults": {"nfe_step": 32, "cfg_strength": 2.0, "sway_sampling_coef": -1.0, "speed": 1.0,
                     "target_rms": 0.1, "cross_fade_duration": 0.15},
        "licence": common.LICENCE,
    }
    (out / "model.json").write_text(json.dumps(meta, indent=2) + "\n")
    total = sum(v["bytes"] for v in graphs_meta.values())
    print(f"exported {args.model} ({meta['source']}{', tiny' if args.tiny else ''}) to {out}: "
          f"{total / 1e6:.1f} MB of graphs, params {meta['parameter_count']}, build {t_built - t0:.1f}s, "
          f"total {time.time() - t0:.1f}s")
