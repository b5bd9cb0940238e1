#!/usr/bin/env bash
# Platform overhead benchmark (issue "performance"): drives the real local stack (./voicequeue up: api-service,
# worker-service, Kafka, Redis, SeaweedFS) with org.voicequeue.system.bench.PlatformBench (system-tests test sources)
# and reports intake submits/s, POST latency, per-job overhead ((completed − created) − synthesis, and the parts of
# it) as p50/p95/p99, and the services' RSS. Writes the JSON report to .vq/bench/platform-<time>.json.
#
#   scripts/bench-platform.sh [PlatformBench options]    e.g. --phases overhead --overhead-jobs 50
#
# Needs the local stack up (it does not start or stop anything). VOICEQUEUE_API_URL picks another API.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/common.sh
source "$ROOT/scripts/lib/common.sh"
cd "$ROOT"

API_URL="${VOICEQUEUE_API_URL:-http://127.0.0.1:${VOICEQUEUE_API_PORT:-8080}}"
OUT_DIR="$ROOT/.vq/bench"
mkdir -p "$OUT_DIR"
CP_FILE="$OUT_DIR/platform.classpath"

curl -sf -m 5 "$API_URL/actuator/health" >/dev/null \
  || die "the API does not answer at $API_URL; start the stack with './voicequeue up'"

pid_args=()
for svc in api-service worker-service; do
  if pid="$(running_pid "$svc")"; then pid_args+=(--pid "$svc=$pid"); else say "bench: $svc pid not found (no RSS figure)"; fi
done

say "bench: compiling the driver (system-tests test sources) and resolving its classpath"
./mvnw -q -B -o -pl system-tests test-compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" \
  || ./mvnw -q -B -pl system-tests test-compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE"

report="$OUT_DIR/platform-$(date +%Y%m%d-%H%M%S).json"
say "bench: load before: $(uptime)"
"$(java_bin)" -Xmx1g -cp "$ROOT/system-tests/target/test-classes:$(<"$CP_FILE")" \
  org.voicequeue.system.bench.PlatformBench --api "$API_URL" "${pid_args[@]}" --out "$report" "$@" >/dev/null
say "bench: load after: $(uptime)"
python3 - "$report" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for phase in ("intake", "distinct"):
    if phase in r:
        p = r[phase]; l = p["post_latency_ms"]
        print(f"{phase:10} {p['jobs']} jobs, {p['clients']} clients, {p['clip_seconds']} s clip: "
              f"{p['submits_per_second']} submits/s, POST p50 {l['p50']} ms p99 {l['p99']} ms")
for phase in ("overhead", "sequential"):
    if phase in r:
        p = r[phase]; ms = p["ms"]
        print(f"{phase:10} {p['succeeded']}/{p['jobs']} jobs ({p['mode']}), nfe {p['nfe_steps']}:")
        for k in ("synthesis", "raw_overhead", "queue_wait", "worker_side", "handoff_gap", "own_overhead",
                  "accumulated_overhead"):
            s = ms[k]
            print(f"  {k:22} p50 {s.get('p50')!s:>8} p95 {s.get('p95')!s:>8} p99 {s.get('p99')!s:>8} ms")
for name, v in r.get("rss_after", {}).items():
    print(f"RSS {name}: now {v['vm_rss_mib']} MiB, peak (VmHWM) {v['vm_hwm_mib']} MiB")
print("report:", sys.argv[1])
PY
