"""Thin export wrappers around the official modules (GRAPH-CONTRACT.md §2). They add no maths of their own except
the STFT/ISTFT written as convolutions, because the TorchScript ONNX exporter cannot export complex tensors."""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

N_FFT = 1024
HOP = 256


def _dft_basis():
    """Angles 2*pi*((k*n) mod N)/N and the periodic Hann window. The same formula is written as ONNX nodes by
    onnx_dft.inline so that graphs do not carry 4 MB DFT kernels as initializers."""
    n = torch.arange(N_FFT, dtype=torch.int64)
    k = torch.arange(N_FFT // 2 + 1, dtype=torch.int64)
    ang = torch.remainder(k.unsqueeze(1) * n.unsqueeze(0), N_FFT).to(torch.float32) * (2 * math.pi / N_FFT)
    window = 0.5 - 0.5 * torch.cos(n.to(torch.float32) * (2 * math.pi / N_FFT))
    return ang, window


def dft_kernel_mel():
    ang, window = _dft_basis()
    return torch.cat([torch.cos(ang) * window, -torch.sin(ang) * window], 0).unsqueeze(1)  # [1026, 1, 1024]


def dft_basis_istft(coef):
    ang, window = _dft_basis()
    basis = torch.cat([coef * torch.cos(ang) * window, -coef * torch.sin(ang) * window], 0).unsqueeze(1)
    return basis, (window * window).view(1, 1, N_FFT)


class MelGraph(nn.Module):
    """`get_vocos_mel_spectrogram`: torchaudio MelSpectrogram(power=1, center=True, reflect) + log(clamp 1e-5)."""

    def __init__(self, mel_fb: torch.Tensor):  # mel_fb: torchaudio fb [513, n_mels]
        super().__init__()
        self.register_buffer("fb_t", mel_fb.t().contiguous().float())  # [n_mels, 513]

    def forward(self, audio, kernel=None):  # [B, S]; kernel is a graph input at export, then inlined (onnx_dft)
        if kernel is None:
            kernel = dft_kernel_mel()
        x = F.pad(audio.unsqueeze(1), (N_FFT // 2, N_FFT // 2), mode="reflect")
        spec = F.conv1d(x, kernel, stride=HOP)  # [B, 1026, F]
        re, im = spec[:, : N_FFT // 2 + 1], spec[:, N_FFT // 2 + 1 :]
        mag = torch.sqrt(re * re + im * im)
        mel = torch.matmul(self.fb_t, mag)
        return mel.clamp(min=1e-5).log().transpose(1, 2)  # [B, F, n_mels]


class TextEmbedGraph(nn.Module):
    """`TextEmbedding.forward(text, seq_len=N, drop_text)` for N = text_ids.shape[1] (ids pre-padded with -1).
    Written against the official submodules so that N stays symbolic (the official code calls int(seq_len))."""

    def __init__(self, te: nn.Module):
        super().__init__()
        self.te = te

    def _embed(self, text, drop: bool):
        te = self.te
        mask_padding = getattr(te, "mask_padding", False)
        if mask_padding:
            text_mask = (text == 0).unsqueeze(-1)
        if drop:
            text = torch.zeros_like(text)
        x = te.text_embed(text)
        if te.extra_modeling:
            n = text.shape[1]
            x = x + te.freqs_cis[:n, :]
            if mask_padding:
                x = x.masked_fill(text_mask, 0.0)
                for block in te.text_blocks:
                    x = block(x)
                    x = x.masked_fill(text_mask, 0.0)
            else:
                x = te.text_blocks(x)
        return x

    def forward(self, text_ids):
        text = text_ids + 1  # 0 = filler, as in the official forward
        return self._embed(text, False), self._embed(text, True)


class TransformerGraph(nn.Module):
    """Official `DiT/UNetT.forward(cfg_infer=True, cache=True, mask=None)` with the text cache pre-filled."""

    def __init__(self, backbone: nn.Module):
        super().__init__()
        self.backbone = backbone

    def forward(self, x, cond, text_cond, text_uncond, time):
        b = self.backbone
        b.text_cond, b.text_uncond = text_cond, text_uncond
        out = b(x=x, cond=cond, text=None, time=time, mask=None, cfg_infer=True, cache=True)
        b.clear_cache()
        v_cond, v_uncond = torch.chunk(out, 2, dim=0)
        return v_cond, v_uncond


class VocoderGraph(nn.Module):
    """`Vocos.decode`: unmodified backbone and head projection; `torch.istft(center=True)` as inverse-rDFT
    ConvTranspose1d overlap-add divided by the window-square envelope."""

    def __init__(self, vocos: nn.Module):
        super().__init__()
        self.backbone = vocos.backbone
        self.out = vocos.head.out
        coef = torch.full((N_FFT // 2 + 1, 1), 2.0 / N_FFT)
        coef[0] = coef[-1] = 1.0 / N_FFT
        self.register_buffer("coef", coef)  # one-sided inverse rDFT weights

    def forward(self, mel, basis=None, win_sq=None):  # [B, 100, M]; basis/win_sq: see MelGraph.forward
        if basis is None:
            basis, win_sq = dft_basis_istft(self.coef)
        x = self.backbone(mel)
        x = self.out(x).transpose(1, 2)
        mag, p = x.chunk(2, dim=1)
        mag = torch.clip(torch.exp(mag), max=1e2)
        spec = torch.cat([mag * torch.cos(p), mag * torch.sin(p)], dim=1)
        y = F.conv_transpose1d(spec, basis, stride=HOP)  # [B, 1, (M-1)*256 + 1024]
        env = F.conv_transpose1d(torch.ones_like(mag[:, :1, :]), win_sq, stride=HOP)
        y = y / env
        return y[:, 0, N_FFT // 2 : -(N_FFT // 2)]
