#!/usr/bin/env bash
# Engine benchmark (issue "performance"): Java ORT engine vs the official f5-tts PyTorch inference, CPU fp32, same
# full-size F5TTS_v1_Base random weights, same request (~5 s reference, ~10 s output), nfe 8 (EPSS) / 16 (EPSS) / 32,
# plus the machine's matrix-multiply peak measured in the same run. Writes models/BENCHMARKS.md (table + JSON).
#
#   scripts/bench-engine.sh [--reps N] [--threads N] [--steps N] [--full] [--legs "peak ort torch pair java"] [--no-md]
#
# Every implementation runs in its own process (separate peak RSS). Nothing here is committed except BENCHMARKS.md:
# the export, the optimized graph and raw results live under models/build/ (git-ignored).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
REPS=3 THREADS="$(nproc)" STEPS=4 FULL="" MD=1 LEGS="peak ort torch java"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --reps) REPS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --steps) STEPS="$2"; shift 2 ;;          # steps of the one measured Java request (>= 4, the API minimum)
    --full) FULL="--full"; shift ;;          # whole syntheses per nfe in Python (GPU / big machines)
    --no-md) MD=""; shift ;;
    --legs) LEGS="$2"; shift 2 ;;            # subset of "peak ort torch pair java"; pair = ORT and PyTorch steps
                                             # alternated in one process (fair ratio on a busy box; no RSS)
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
MODEL="${VQ_BENCH_MODEL_DIR:-models/build/f5-v1-base-random}"
OUT="models/build/bench"
mkdir -p "$OUT"
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
rss() { sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$1"; }

# 1. model: export (random, seeded) once, reuse afterwards; then the fused graph (cached, parity-checked)
if [[ ! -f "$MODEL/model.json" ]]; then
  log "exporting full-size F5TTS_v1_Base with random weights to $MODEL (~5 min, ~2.7 GB)"
  models/vq-models export --model F5TTS_v1_Base --out "$MODEL"
fi
log "optimize (cached when the base graph is unchanged)"
models/vq-models optimize --model-dir "$MODEL" --threads "$THREADS" --json "$OUT/optimize.json"

leg() { [[ " $LEGS " == *" $1 "* ]]; }
uptime > "$OUT/uptime-start.txt"
# 2. machine peak (ORT MatMul fp32, same threads); also makes the shared request (reference.wav, input.json)
log "matmul peak"
leg peak && models/vq-models bench peak --model-dir "$MODEL" --threads "$THREADS" --json "$OUT/peak.json" >/dev/null

# 3. Python ORT (optimized graph) — the contract loop of the Java engine, in Python; for the step latency base/opt
log "python onnxruntime"
leg ort && /usr/bin/time -v -o "$OUT/ort.time" models/vq-models bench ort --model-dir "$MODEL" --threads "$THREADS" \
  --reps "$REPS" --graph transformer.opt.onnx $FULL --json "$OUT/ort.json" >/dev/null

# 4. official PyTorch
log "official f5-tts PyTorch"
leg torch && /usr/bin/time -v -o "$OUT/torch.time" models/vq-models bench torch --model-dir "$MODEL" --threads "$THREADS" \
  --reps "$REPS" $FULL --json "$OUT/torch.json" >/dev/null

# 4b. optional: ORT and PyTorch steps interleaved in one process (the ratio a shared, loaded machine can still give)
leg pair && models/vq-models bench pair --model-dir "$MODEL" --threads "$THREADS" --reps "$REPS" \
  --ref-audio "$OUT/reference.wav" --json "$OUT/pair.json" >/dev/null

# 5. Java engine through its public API; a models dir whose manifest points at the optimized graph
if leg java; then
log "java engine"
JM="$OUT/java-models/f5"
rm -rf "$OUT/java-models" && mkdir -p "$JM"
for f in "$MODEL"/*; do ln -s "$(realpath "$f")" "$JM/$(basename "$f")"; done
rm "$JM/model.json"
GRAPH="${VQ_BENCH_JAVA_GRAPH:-transformer.opt.onnx}"
python3 - "$MODEL/model.json" "$JM/model.json" "$GRAPH" <<'PY'
import json, sys
m = json.load(open(sys.argv[1])); m["graphs"]["transformer"]["file"] = sys.argv[3]
json.dump(m, open(sys.argv[2], "w"), indent=2)
PY
./mvnw -q -B -o -pl worker-service test-compile
./mvnw -q -B -o -pl worker-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$ROOT/$OUT/java.cp" >/dev/null
CP="worker-service/target/test-classes:worker-service/target/classes:$(cat "$OUT/java.cp")"
# the worker's JVM flags (worker-service/Dockerfile, ./voicequeue): a small serial-GC heap, the big data is ORT's
# native memory; NMT so that java.json's "memory" splits the JVM's own share (BENCHMARKS.md, "Worker memory")
read -ra JOPTS <<<"${VQ_BENCH_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx512m -XX:NativeMemoryTracking=summary}"
/usr/bin/time -v -o "$OUT/java.time" java "${JOPTS[@]}" -cp "$CP" org.voicequeue.worker.bench.EngineBenchmark \
  "$OUT/java-models" F5-TTS "$THREADS" "$STEPS" "$OUT/input.json" "$OUT/java.json" \
  "${VQ_BENCH_PROVIDER:-cpu}" >/dev/null
fi
uptime > "$OUT/uptime-end.txt"

# 6. report
for s in ort torch java; do [[ -f "$OUT/$s.time" ]] && echo "$s $(rss "$OUT/$s.time")"; done > "$OUT/rss-time-v.txt"
[[ -n "$MD" ]] && PYTHONPATH="$ROOT/models" models/.venv/bin/python -m vqmodels.bench_report --out "$OUT" --model-dir "$MODEL" \
  --md models/BENCHMARKS.md
log "done: models/BENCHMARKS.md, raw JSON in $OUT"
