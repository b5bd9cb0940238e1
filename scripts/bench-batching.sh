#!/usr/bin/env bash
# Cross-job batching throughput (./voicequeue bench batching): one transformer run of K rows vs K runs of one row,
# alternated in one JVM (worker-service test source BatchingBenchmark). Tiny fixture always; the full-size F5 v1
# Base export too when models/build/f5-v1-base-random exists (make it with ./voicequeue bench engine).
# Options: --frames D (1410) --threads N (cores) --tiny-ks 1,2,4,8 --full-ks 2 --full-reps 2 --tiny-reps 20
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
FRAMES=1410 THREADS="$(nproc)" TINY_KS=1,2,4,8 FULL_KS=2 TINY_REPS=20 FULL_REPS=2 FULL_SIZE=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --frames) FRAMES="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --tiny-ks) TINY_KS="$2"; shift 2 ;;
    --full-ks) FULL_KS="$2"; shift 2 ;;
    --tiny-reps) TINY_REPS="$2"; shift 2 ;;
    --full-reps) FULL_REPS="$2"; shift 2 ;;
    --tiny-only) FULL_SIZE=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
OUT=models/build/bench
mkdir -p "$OUT"
./mvnw -q -B -o -pl worker-service test-compile
./mvnw -q -B -o -pl worker-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$ROOT/$OUT/batching.cp" >/dev/null
CP="worker-service/target/test-classes:worker-service/target/classes:$(cat "$OUT/batching.cp")"
echo "load before: $(uptime)"
java -Xmx1g -cp "$CP" org.voicequeue.worker.synthesis.onnx.BatchingBenchmark \
  models/fixtures F5-TTS "$FRAMES" "$THREADS" "$TINY_REPS" "$TINY_KS" "$OUT/batching-tiny.json"
FULL=models/build/f5-v1-base-random
if [[ "$FULL_SIZE" == 1 && -f "$FULL/model.json" ]]; then
  # a models dir whose manifest points at the optimized (fused) graph, as the engine benchmark uses
  JM="$OUT/batching-models/f5"
  rm -rf "$OUT/batching-models" && mkdir -p "$JM"
  for f in "$FULL"/*; do ln -s "$(realpath "$f")" "$JM/$(basename "$f")"; done
  rm "$JM/model.json"
  python3 - "$FULL/model.json" "$JM/model.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
if "transformer_optimized" in m.get("graphs", {}):
    m["graphs"]["transformer"]["file"] = m["graphs"]["transformer_optimized"]["file"]
json.dump(m, open(sys.argv[2], "w"), indent=2)
PY
  java -Xmx1g -cp "$CP" org.voicequeue.worker.synthesis.onnx.BatchingBenchmark \
    "$OUT/batching-models" F5-TTS "$FRAMES" "$THREADS" "$FULL_REPS" "$FULL_KS" "$OUT/batching-full.json"
elif [[ "$FULL_SIZE" == 1 ]]; then
  echo "no full-size export at $FULL (./voicequeue bench engine makes it): tiny fixture only"
fi
echo "load after: $(uptime)"
echo "JSON: $OUT/batching-tiny.json$([[ "$FULL_SIZE" == 1 && -f "$FULL/model.json" ]] && echo " $OUT/batching-full.json")"
