#!/usr/bin/env bash
# Inner-loop micro-benchmarks (JMH, module benchmarks/): WAV decoding, reference resampling and speech detection,
# result encoding (WAV + base64), the flow-matching Euler/CFG step. Each benchmark class carries a baseline...()
# method measured in the same run (same fork, same machine); the table reports every score as a ratio to it.
#
#   scripts/bench-jmh.sh [JMH options]     e.g. scripts/bench-jmh.sh Decode   (a regex selects benchmarks)
#
# Builds benchmarks/target/benchmarks.jar when it is missing or older than its sources or shared-model's. Writes the
# JMH JSON to .vq/bench/jmh-<time>.json (the full JMH log next to it) and prints a Markdown table. Takes about two
# minutes with the defaults (fork 1, 3 x 1 s warm-up, 5 x 1 s measurement per benchmark). The table has two ratios:
# of the mean scores, and of the fastest measurement iterations (other load on the machine only ever adds time, so
# on a busy machine the second is the steadier one). `--table FILE.json` prints the table of an earlier run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/common.sh
source "$ROOT/scripts/lib/common.sh"
cd "$ROOT"

# Markdown table of a JMH JSON result: every score, and its ratio to the baseline...() method of its class.
print_table() {
  python3 - "$1" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))
rows = {}
for r in runs:
    cls, method = r["benchmark"].rsplit(".", 1)
    m = r["primaryMetric"]
    best = min(x for fork in m["rawData"] for x in fork)
    # scoreError is the string "NaN" when there were too few iterations for an interval
    rows.setdefault(cls.rsplit(".", 1)[-1], []).append(
        (method, float(m["score"]), float(m["scoreError"]), m["scoreUnit"], best))
print("| benchmark | score | ± (99.9 %) | unit | ratio to baseline | ratio, best iterations |")
print("| --- | ---: | ---: | --- | ---: | ---: |")
for cls, items in rows.items():
    base = next((i for i in items if i[0].startswith("baseline")), None)
    for method, score, err, unit, best in sorted(items, key=lambda i: i[0].startswith("baseline")):
        if base is None:
            ratio = best_ratio = "(no baseline run)"
        elif method == base[0]:
            ratio = best_ratio = "1 (baseline)"
        else:
            ratio, best_ratio = f"{score / base[1]:.2f}", f"{best / base[4]:.2f}"
        print(f"| {cls}.{method} | {score:,.1f} | {err:,.1f} | {unit} | {ratio} | {best_ratio} |")
PY
}

if [[ ${1:-} == --table ]]; then
  [[ -f ${2:-} ]] || die "--table needs a JMH JSON file"
  print_table "$2"
  exit 0
fi

JAR="$ROOT/benchmarks/target/benchmarks.jar"
OUT_DIR="$ROOT/.vq/bench"
STAMP="$(date +%Y%m%d-%H%M%S)"
JSON="$OUT_DIR/jmh-$STAMP.json"
LOG="$OUT_DIR/jmh-$STAMP.log"
mkdir -p "$OUT_DIR"

if [[ ! -f $JAR || -n "$(find pom.xml shared-model/pom.xml shared-model/src benchmarks/pom.xml benchmarks/src \
  -newer "$JAR" -type f -print -quit)" ]]; then
  say "bench: building benchmarks/target/benchmarks.jar (shared-model + benchmarks, tests skipped)"
  build=(./mvnw -q -B -pl benchmarks -am package -DskipTests)
  "${build[@]}" -o || { say "bench: offline build failed; retrying online"; "${build[@]}"; }
fi

say "bench: running JMH (progress below; full log: ${LOG#"$ROOT/"})"
java -jar "$JAR" -rf json -rff "$JSON" "$@" >"$LOG" 2>&1 &
jmh=$!
# progress: one line per benchmark as JMH starts it
tail -n +1 -f "$LOG" --pid "$jmh" | grep --line-buffered '^# Benchmark: ' | sed -u 's/^# Benchmark: /  /' || true
wait "$jmh" || die "JMH failed (exit $?); see $LOG"

echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)," \
  "$(java -version 2>&1 | head -1), load average $(sed 's/ [0-9]*\/.*//' /proc/loadavg)"
print_table "$JSON"
echo
say "bench: JSON ${JSON#"$ROOT/"}"
