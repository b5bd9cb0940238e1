#!/usr/bin/env bash
# Starts, stops and reports the servers VoiceQueue needs (Kafka, Redis, S3) as plain local processes:
# no Docker. Used by ./voicequeue (profile "local") and by test-support's TestInfrastructure (profile "test").
#
#   scripts/stack.sh start|stop|status|prepare [kafka|redis|s3 ...]
#
# Everything a profile owns lives in .vq/<profile>/ (data/, logs/, run/ with pid files, s3.secret).
# See scripts/README.md for ports, environment variables and the measurements behind the choices.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"

ALL_SERVICES=(kafka redis s3)

usage() {
  cat <<EOF
Usage: scripts/stack.sh <command> [service...]

Commands:
  start    start the services that are not running yet, in parallel, and wait until each is ready
  stop     stop services by their recorded pid (SIGTERM, then SIGKILL after VOICEQUEUE_STACK_STOP_TIMEOUT s)
  status   print each service: running/stopped, pid, port (exit 3 if one is not running)
  prepare  install / download / build what the services need, start nothing
  endpoints  print the profile's addresses as key=value lines (the S3 secret's file, never the secret)
Services: ${ALL_SERVICES[*]} (default: all)

Profile: VOICEQUEUE_STACK_PROFILE=$PROFILE (local | test | any [a-z0-9-] name); state in .vq/$PROFILE/
Ports:   VOICEQUEUE_KAFKA_PORT=$KAFKA_PORT VOICEQUEUE_KAFKA_CONTROLLER_PORT=$KAFKA_CONTROLLER_PORT
         VOICEQUEUE_REDIS_PORT=$REDIS_PORT VOICEQUEUE_S3_PORT=$S3_PORT
         VOICEQUEUE_S3_INTERNAL_PORT_BASE=$S3_INTERNAL_BASE (SeaweedFS master/volume/filer use base+3..5, gRPC base+13..15)
S3:      VOICEQUEUE_S3_SERVER=$S3_SERVER (seaweedfs | s3mock); access key '$S3_ACCESS_KEY', secret in .vq/$PROFILE/s3.secret
EOF
}

# ---------------------------------------------------------------- per-service definitions

service_port() {
  case "$1" in
    kafka) echo "$KAFKA_PORT" ;;
    redis) echo "$REDIS_PORT" ;;
    s3) echo "$S3_PORT" ;;
  esac
}

service_ready() {
  case "$1" in
    kafka) port_open "$KAFKA_PORT" ;;
    redis) redis_ping "$REDIS_PORT" ;;
    s3) http_answers "http://127.0.0.1:$S3_PORT/" ;;
  esac
}

prepare_service() {
  case "$1" in
    kafka) ensure_kafka_jars ;;
    redis) ensure_redis_server ;;
    s3) ensure_s3_secret; if [[ $S3_SERVER == seaweedfs ]]; then ensure_weed; else ensure_s3mock_jar; fi ;;
  esac
}

# Each launcher runs in the service's data dir (pid identity check reads /proc/<pid>/cwd) and detaches.
launch_kafka() {
  local data="$DATA_DIR/kafka" props="$DATA_DIR/kafka/server.properties"
  mkdir -p "$data/log"
  cat >"$props" <<EOF
# written by scripts/stack.sh on every start (ports come from the environment)
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$data/log
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
EOF
  local cp="$KAFKA_LIB/*" java; java="$(java_bin)"
  if [[ ! -f "$data/log/meta.properties" ]]; then
    local cluster_id
    cluster_id="$("$java" -cp "$cp" kafka.tools.StorageTool random-uuid 2>>"$(log_file kafka)")"
    "$java" -cp "$cp" -Dlog4j2.configurationFile="$ROOT/scripts/kafka/log4j2.properties" \
      -Dkafka.log.file="$(log_file kafka)" \
      kafka.tools.StorageTool format -t "$cluster_id" -c "$props" --ignore-formatted >>"$(log_file kafka)" 2>&1
  fi
  local -a heap
  read -ra heap <<<"${VOICEQUEUE_KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}"
  detach "$data" "$(log_file kafka)" "$java" "${heap[@]}" -XX:+UseG1GC \
    -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$ROOT/scripts/kafka/log4j2.properties" \
    -Dkafka.log.file="$(log_file kafka)" -Dkafka.logs.dir="$LOG_DIR" \
    -cp "$cp" kafka.Kafka "$props"
}

launch_redis() {
  local data="$DATA_DIR/redis"
  mkdir -p "$data"
  # no persistence: the local stack and the tests want a clean, fast Redis; job results have a TTL anyway
  detach "$data" "$(log_file redis)" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --protected-mode yes \
    --daemonize no --dir "$data" --save "" --appendonly no --logfile ""
}

launch_s3() {
  local data="$DATA_DIR/s3"
  mkdir -p "$data"
  if [[ $S3_SERVER == seaweedfs ]]; then
    write_weed_identities "$data/identities.json"
    local b=$S3_INTERNAL_BASE
    detach "$data" "$(log_file s3)" "$WEED_BIN" server -ip=127.0.0.1 -ip.bind=127.0.0.1 -dir="$data" \
      -master.port=$((b + 3)) -master.port.grpc=$((b + 13)) \
      -volume.port=$((b + 4)) -volume.port.grpc=$((b + 14)) \
      -filer=true -filer.port=$((b + 5)) -filer.port.grpc=$((b + 15)) \
      -s3=true -s3.port="$S3_PORT" -s3.port.grpc=$((b + 16)) -s3.config="$data/identities.json" \
      -s3.port.iceberg=0 -s3.port.lance=0 \
      -volume.max=0 -volume.preStopSeconds=1 -master.volumeSizeLimitMB=256
  else
    detach "$data" "$(log_file s3)" "$(java_bin)" -Xms64m -Xmx256m -XX:TieredStopAtLevel=1 -jar "$S3MOCK_JAR" \
      --com.adobe.testing.s3mock.http-port="$S3_PORT" --server.port=$((S3_INTERNAL_BASE + 1)) --server.address=127.0.0.1 \
      --com.adobe.testing.s3mock.store.root="$data/store" \
      --com.adobe.testing.s3mock.store.retain-files-on-exit=true
  fi
}

# ---------------------------------------------------------------- commands

# Starts one service and waits until it is ready; runs in a background subshell per service.
start_one() {
  local svc=$1 port pid
  port="$(service_port "$svc")"
  if pid="$(running_pid "$svc")"; then
    if service_ready "$svc"; then echo "already running (pid $pid, port $port)"; return 0; fi
  elif port_open "$port"; then
    echo "port $port is already in use by a process this profile did not start ($(port_owner "$port"));" \
      "stop it or choose another port (see scripts/stack.sh help)"
    return 2
  fi
  if [[ -z ${pid:-} ]]; then
    : >"$(log_file "$svc")"
    "launch_$svc"
    pid="$(cat "$(pid_file "$svc")")"
  fi
  local deadline=$((SECONDS + START_TIMEOUT))
  until service_ready "$svc"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "exited during start-up"; return 1; fi
    if ((SECONDS >= deadline)); then echo "not ready after ${START_TIMEOUT}s (pid $pid)"; return 1; fi
    sleep 0.1
  done
  echo "ready (pid $pid, port $port)"
}

cmd_start() {
  local svc t0=$SECONDS failed=()
  for svc in "$@"; do prepare_service "$svc"; done
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  declare -A jobs=()
  for svc in "$@"; do
    start_one "$svc" >"$RUN_DIR/$svc.start" 2>&1 &
    jobs[$svc]=$!
  done
  local rc
  for svc in "$@"; do
    rc=0
    wait "${jobs[$svc]}" || rc=$?
    if ((rc == 0)); then
      say "$svc: $(tail -n 1 "$RUN_DIR/$svc.start")"
      continue
    fi
    failed+=("$svc")
    {
      echo "$svc: FAILED to start: $(tail -n 1 "$RUN_DIR/$svc.start")"
      if ((rc != 2)); then # 2 = port taken by someone else: our log says nothing about that
        echo "  log: $(log_file "$svc") (last lines below)"
        tail -n 25 "$(log_file "$svc")" 2>/dev/null | sed 's/^/    | /' || true
      fi
    } >&2
  done
  if ((${#failed[@]})); then
    echo "stack ($PROFILE): failed: ${failed[*]}" >&2
    return 1
  fi
  local where=()
  for svc in "$@"; do
    case "$svc" in
      kafka) where+=("kafka 127.0.0.1:$KAFKA_PORT") ;;
      redis) where+=("redis 127.0.0.1:$REDIS_PORT") ;;
      s3) where+=("s3 http://127.0.0.1:$S3_PORT ($S3_SERVER)") ;;
    esac
  done
  say "stack ($PROFILE) ready in $((SECONDS - t0))s: $(IFS=,; w="${where[*]}"; echo "${w//,/, }")"
}

cmd_stop() {
  local svc
  mkdir -p "$RUN_DIR"
  declare -A jobs=()
  for svc in "$@"; do
    stop_service "$svc" "$STOP_TIMEOUT" >"$RUN_DIR/$svc.stop" 2>&1 &
    jobs[$svc]=$!
  done
  for svc in "$@"; do
    wait "${jobs[$svc]}" || true
    say "$svc: $(tail -n 1 "$RUN_DIR/$svc.stop")"
  done
}

cmd_status() {
  local svc pid rc=0
  for svc in "$@"; do
    if pid="$(running_pid "$svc")"; then
      if service_ready "$svc"; then
        printf '%-6s running  pid %-7s port %s\n' "$svc" "$pid" "$(service_port "$svc")"
      else
        printf '%-6s starting pid %-7s port %s (not answering)\n' "$svc" "$pid" "$(service_port "$svc")"
        rc=3
      fi
    else
      printf '%-6s stopped  port %s\n' "$svc" "$(service_port "$svc")"
      rc=3
    fi
  done
  return $rc
}

# Machine-readable addresses of this profile (for test-support and ./voicequeue); prints the secret's file, not the secret.
cmd_endpoints() {
  ensure_s3_secret
  cat <<EOF
kafka.bootstrap=127.0.0.1:$KAFKA_PORT
redis.host=127.0.0.1
redis.port=$REDIS_PORT
s3.endpoint=http://127.0.0.1:$S3_PORT
s3.access-key=$S3_ACCESS_KEY
s3.secret-file=$S3_SECRET_FILE
EOF
}

cmd_prepare() {
  local svc
  for svc in "$@"; do prepare_service "$svc"; done
}

main() {
  local cmd=${1:-help}
  shift || true
  local services=("$@")
  ((${#services[@]})) || services=("${ALL_SERVICES[@]}")
  local svc
  for svc in "${services[@]}"; do
    case "$svc" in kafka | redis | s3) ;; *) die "unknown service '$svc' (expected: ${ALL_SERVICES[*]})" ;; esac
  done
  case "$cmd" in
    start) with_lock cmd_start "${services[@]}" ;;
    stop) with_lock cmd_stop "${services[@]}" ;;
    status) cmd_status "${services[@]}" ;;
    prepare) with_lock cmd_prepare "${services[@]}" ;;
    endpoints) cmd_endpoints ;;
    help | -h | --help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
