#!/usr/bin/env bash
# GPU leg of the engine benchmark — PREPARED, NOT YET RUN (no session so far was lent a GPU).
# Same comparison as scripts/bench-engine.sh (same random F5TTS_v1_Base, same request, nfe 8/16/32, whole
# syntheses: --full), with CUDA for ONNX Runtime and the official PyTorch path on the same card, in ONE device call.
#
#   scripts/bench-gpu.sh prepare   # here (network to PyPI): wheels the device image lacks -> .whl/ (git-ignored)
#   scripts/bench-gpu.sh device    # on the lent machine: the device tool's `run` with carry [".whl"], e.g.
#       run(command="scripts/bench-gpu.sh device", carry=[".whl"], timeout_s=540)
#     results come back in $OUT (gpu-*.json, gpu.log); copy them to models/build/bench-gpu/ and add to BENCHMARKS.md.
#
# What the device image has (KINDS.md): python3 3.12 with torch 2.11 (CUDA 13), torchaudio, torchdiffeq, onnx,
# onnxruntime (CPU build), safetensors, numpy, huggingface-hub, psutil. It has no f5-tts, vocos, x-transformers,
# pypinyin, rjieba, pydub, soundfile, omegaconf, librosa, no JDK and no network. Hence:
#  * the model is exported THERE (random seed 0, the same code as here: same weights as this machine's export),
#    ~1–2 min on 16 cores; nothing large travels;
#  * the Java engine cannot run there (no JDK; the onnxruntime_gpu jar is 642 MB > the 64 MiB carry limit): the ORT
#    leg is the Python contract loop (`vq-models bench ort --provider cuda --full`), same graph, same session options;
#  * onnxruntime-gpu must travel as a wheel for the CUDA EP; if it is larger than what a call may carry, `prepare`
#    says so and the ORT leg records "CUDA EP unavailable" instead of silently falling back to CPU.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ORT_GPU="${VQ_ORT_GPU:-onnxruntime-gpu==1.23.2}"
# pure-python or cp312 wheels the image lacks (versions = models/requirements.txt / constraints.txt)
WHEELS=(f5-tts==1.1.22 vocos==0.1.0 x-transformers==2.31.10 ema-pytorch==0.8.3 pypinyin==0.55.0 rjieba==0.2.2
        pydub==0.25.1 soundfile==0.14.0 omegaconf==2.4.0 einx==0.4.3 frozendict==2.5.1 loguru==0.7.3
        torch-einops-utils==0.2.0 encodec==0.1.1 librosa==0.11.0 audioread==3.1.0 pooch==1.9.0 soxr==1.1.0
        decorator==5.3.1 cffi==2.1.1)

case "${1:-}" in
  prepare)
    grep -qx '/.whl/' .git/info/exclude 2>/dev/null || echo /.whl/ >> .git/info/exclude
    mkdir -p .whl
    python3 -m pip download --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
      --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 \
      --platform any -d .whl "${WHEELS[@]}"
    python3 -m pip download --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
      --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 -d .whl-ort "$ORT_GPU" || true
    size=$(du -sm .whl-ort 2>/dev/null | cut -f1)
    if [[ -n "$size" && "$size" -lt 56 ]]; then mv .whl-ort/*.whl .whl/; else
      echo "onnxruntime-gpu wheel is ${size:-?} MB: too large to carry (64 MiB per call); ORT CUDA leg will be skipped" >&2
    fi
    # the benchmark request's reference (espeak-ng/sox are not on the device)
    [[ -f models/build/bench/reference.wav ]] || models/vq-models bench peak --model-dir \
      models/fixtures/f5-tts-tiny --json models/build/bench/peak-tiny.json >/dev/null
    cp models/build/bench/reference.wav .whl/
    du -sh .whl
    ;;
  device)
    : "${OUT:?run this through the device tool (OUT unset)}"
    exec > >(tee "$OUT/gpu.log") 2>&1
    python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
    export PYTHONPATH="/tmp/site:$ROOT/models" PYTHONUNBUFFERED=1
    nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv | tee "$OUT/gpu-machine.txt"
    nproc >> "$OUT/gpu-machine.txt"
    M=/tmp/f5-v1-base-random
    time python3 -m vqmodels.cli export --model F5TTS_v1_Base --out "$M"
    time python3 -m vqmodels.cli optimize --model-dir "$M" --threads "$(nproc)" --json "$OUT/gpu-optimize.json"
    W=/tmp/bench && mkdir -p "$W"
    # official path: load_model casts to fp16 on CUDA cc >= 7 (that IS the official GPU inference)
    python3 -m vqmodels.cli bench torch --model-dir "$M" --provider cuda --full --reps 3 \
      --ref-audio .whl/reference.wav --json "$W/torch.json"
    cp "$W/torch.json" "$OUT/gpu-torch.json"
    if python3 -c 'import onnxruntime as o, sys; sys.exit("CUDAExecutionProvider" not in o.get_available_providers())'
    then
      for g in transformer.onnx transformer.opt.onnx; do
        python3 -m vqmodels.cli bench ort --model-dir "$M" --provider cuda --full --reps 3 --graph "$g" \
          --ref-audio .whl/reference.wav --json "$W/ort-$g.json" && cp "$W/ort-$g.json" "$OUT/gpu-ort-$g.json"
      done
    else
      echo '{"what": "ort", "provider": "cuda", "error": "CUDA EP unavailable (onnxruntime-gpu not carried)"}' \
        > "$OUT/gpu-ort.json"
    fi
    # cross-job batching on the card (the worker's voicequeue.batching.max-jobs): one transformer run of K rows vs
    # K runs of one row, ORT CUDA, same session, alternated; the CPU figures come from scripts/bench-batching.sh
    if [[ ! -f "$OUT/gpu-ort.json" ]]; then
      python3 - "$M" "$OUT/gpu-batching.json" <<'PY'
import json, sys, time
import numpy as np, onnxruntime as ort
m, out = sys.argv[1], sys.argv[2]
meta = json.load(open(m + "/model.json"))
graphs = meta["graphs"]
graph = graphs.get("transformer_optimized", graphs["transformer"])["file"]
s = ort.InferenceSession(m + "/" + graph, providers=["CUDAExecutionProvider"])
n, td, rng = 1410, meta["text_dim"], np.random.default_rng(0)
def feeds(b):
    r = lambda *shape: rng.standard_normal(shape, dtype=np.float32)
    return {"x": r(b, n, 100), "cond": r(b, n, 100), "text_cond": r(b, n, td), "text_uncond": r(b, n, td),
            "time": rng.random(b, dtype=np.float32)}
results = []
for k in (1, 2, 4, 8):
    one, many = feeds(1), feeds(k)
    s.run(None, one), s.run(None, many)  # warm-up at both shapes
    singles, batched = [], []
    for _ in range(5):
        t = time.perf_counter(); [s.run(None, one) for _ in range(k)]; singles.append(time.perf_counter() - t)
        t = time.perf_counter(); s.run(None, many); batched.append(time.perf_counter() - t)
    results.append({"k": k, "k_single_runs_s": float(np.median(singles)), "batched_run_s": float(np.median(batched)),
                    "gain": float(np.median(singles) / np.median(batched))})
    print(results[-1], flush=True)
json.dump({"what": "batching", "provider": "cuda", "frames": n, "graph": graph, "results": results},
          open(out, "w"), indent=1)
PY
    fi
    # card peak for the share figure: fp32 (TF32 off) and fp16 matmul through torch
    python3 - <<'PY' | tee "$OUT/gpu-peak.json"
import json, torch, time
torch.backends.cuda.matmul.allow_tf32 = False
res = {}
for dt in (torch.float32, torch.float16):
    a = torch.randn(8192, 8192, device="cuda", dtype=dt); b = torch.randn_like(a)
    for _ in range(3): a @ b
    torch.cuda.synchronize(); t = time.perf_counter()
    for _ in range(10): a @ b
    torch.cuda.synchronize(); res[str(dt)] = 10 * 2 * 8192**3 / (time.perf_counter() - t) / 1e12
print(json.dumps({"what": "gpu-peak", "tflops": res, "device": torch.cuda.get_device_name()}))
PY
    ;;
  *) sed -n 2,22p "$0"; exit 2 ;;
esac
