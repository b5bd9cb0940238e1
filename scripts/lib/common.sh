# shellcheck shell=bash disable=SC2034  # sourced: its variables are used by the scripts that source it
# Shared by scripts/stack.sh and ./voicequeue: profile, ports, paths, process and readiness helpers,
# and the "make sure the server software is here" steps. Sourced, never run; expects ROOT to be set.

PROFILE="${VOICEQUEUE_STACK_PROFILE:-local}"
[[ $PROFILE =~ ^[a-z0-9-]+$ ]] || { echo "VOICEQUEUE_STACK_PROFILE must match [a-z0-9-]+, got '$PROFILE'" >&2; exit 2; }

# The test profile gets its own ports so `./voicequeue test` never touches a running `./voicequeue up`.
if [[ $PROFILE == test ]]; then
  _kafka=19092 _ctrl=19093 _redis=16379 _s3=19000 _s3base=19330
else
  _kafka=9092 _ctrl=9093 _redis=6379 _s3=9000 _s3base=9330
fi
KAFKA_PORT="${VOICEQUEUE_KAFKA_PORT:-$_kafka}"
KAFKA_CONTROLLER_PORT="${VOICEQUEUE_KAFKA_CONTROLLER_PORT:-$_ctrl}"
REDIS_PORT="${VOICEQUEUE_REDIS_PORT:-$_redis}"
S3_PORT="${VOICEQUEUE_S3_PORT:-$_s3}"
S3_INTERNAL_BASE="${VOICEQUEUE_S3_INTERNAL_PORT_BASE:-$_s3base}"
unset _kafka _ctrl _redis _s3 _s3base

START_TIMEOUT="${VOICEQUEUE_STACK_START_TIMEOUT:-120}"
STOP_TIMEOUT="${VOICEQUEUE_STACK_STOP_TIMEOUT:-20}"

VQ_DIR="$ROOT/.vq/$PROFILE"
DATA_DIR="$VQ_DIR/data"
LOG_DIR="$VQ_DIR/logs"
RUN_DIR="$VQ_DIR/run"
LIB_DIR="$ROOT/.vq/lib"

# Versions (see scripts/README.md for why these).
KAFKA_VERSION=4.1.2
KAFKA_LIB="$LIB_DIR/kafka-$KAFKA_VERSION"
# SeaweedFS publishes no semver tags the Go proxy accepts, so a pseudo-version pins the commit.
SEAWEEDFS_VERSION="${VOICEQUEUE_SEAWEEDFS_VERSION:-v0.0.0-20261109003541-7506e5f91cd6}"
WEED_BIN="${VOICEQUEUE_WEED_BIN:-$HOME/go/bin/weed-$SEAWEEDFS_VERSION}"
S3MOCK_VERSION=4.12.4
S3MOCK_JAR="$LIB_DIR/s3mock-$S3MOCK_VERSION-exec.jar"
S3_SERVER="${VOICEQUEUE_S3_SERVER:-seaweedfs}"
S3_ACCESS_KEY=voicequeue
S3_SECRET_FILE="$VQ_DIR/s3.secret"

say() { echo "$*"; }
die() { echo "error: $*" >&2; exit 1; }

java_bin() { echo "${JAVA_HOME:+$JAVA_HOME/bin/}java"; }

pid_file() { echo "$RUN_DIR/$1.pid"; }
log_file() { echo "$LOG_DIR/$1.log"; }

# The directory a service runs in; the pid check compares it with /proc/<pid>/cwd so that a recycled pid
# (or the same server of another profile) is never taken for ours.
service_dir() {
  case "$1" in
    kafka | redis | s3) echo "$DATA_DIR/$1" ;;
    *) echo "$VQ_DIR/services/$1" ;;
  esac
}

# Prints the pid of a running service of this profile; fails when none runs.
running_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f $file ]] || return 1
  pid="$(<"$file")"
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == "$(service_dir "$1")" ]] || return 1
  echo "$pid"
}

# Starts a command detached from this shell (own session, no stdin, output to a log) in a directory,
# and records its pid. fd 9 (the stack lock) is closed so a server never holds the lock.
detach() {
  local dir=$1 log=$2 svc
  shift 2
  svc="$(basename "$log" .log)"
  mkdir -p "$dir" "$(dirname "$log")" "$RUN_DIR"
  (
    cd "$dir" || exit 1
    exec 9>&-
    exec setsid "$@" </dev/null >>"$log" 2>&1
  ) &
  echo $! >"$(pid_file "$svc")"
}

# Stops a service of this profile by its recorded pid: SIGTERM, then SIGKILL after a timeout. Prints what happened.
stop_service() {
  local svc=$1 timeout=$2 pid
  if ! pid="$(running_pid "$svc")"; then
    rm -f "$(pid_file "$svc")"
    echo "not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + timeout))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      kill -KILL "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
      rm -f "$(pid_file "$svc")"
      echo "killed (pid $pid did not stop within ${timeout}s of SIGTERM)"
      return 0
    fi
    sleep 0.1
  done
  rm -f "$(pid_file "$svc")"
  echo "stopped (pid $pid)"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

redis_ping() {
  local reply
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'PING\r\n' >&3
    IFS= read -r -t 2 reply <&3 && [[ $reply == +PONG* ]]
  ) 2>/dev/null
}

http_answers() {
  local code
  code="$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true)"
  [[ -n $code && $code != 000 ]]
}

port_owner() {
  local owner=""
  if command -v ss >/dev/null; then owner="$(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:(([^)]*))' | head -n 1 || true)"; fi
  echo "${owner:-owner unknown}"
}

# Serialises start/stop/prepare of one profile (two Maven modules, or a test JVM and a shell, may race).
with_lock() {
  mkdir -p "$VQ_DIR"
  exec 9>"$VQ_DIR/stack.lock"
  flock -w 1800 9 || die "another scripts/stack.sh held $VQ_DIR/stack.lock for 30 minutes"
  "$@"
}

# ---------------------------------------------------------------- software the servers need

ensure_kafka_jars() {
  [[ -f "$KAFKA_LIB/.complete" ]] && return 0
  say "kafka: resolving Apache Kafka $KAFKA_VERSION broker jars from Maven Central into ${KAFKA_LIB#"$ROOT"/}"
  (cd "$ROOT" && ./mvnw -q -B -f scripts/kafka/pom.xml dependency:copy-dependencies) \
    || die "could not resolve the Kafka jars (./mvnw -f scripts/kafka/pom.xml dependency:copy-dependencies)"
  touch "$KAFKA_LIB/.complete"
}

ensure_redis_server() {
  command -v redis-server >/dev/null && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    say "redis: redis-server is missing; installing the Debian package"
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null; }; then
      die "apt-get install redis-server failed"
    fi
  else
    die "redis-server is not installed and this user cannot install it (not root or no apt-get).
       Install it once, e.g. 'sudo apt-get install -y redis-server' (Debian/Ubuntu) or 'brew install redis' (macOS),
       then run this again."
  fi
}

ensure_s3_secret() {
  [[ -s $S3_SECRET_FILE ]] && return 0
  mkdir -p "$VQ_DIR"
  (umask 077 && head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$S3_SECRET_FILE")
}

s3_secret() { ensure_s3_secret; cat "$S3_SECRET_FILE"; }

write_weed_identities() {
  (umask 077 && cat >"$1" <<EOF
{
  "identities": [
    {
      "name": "voicequeue",
      "credentials": [{ "accessKey": "$S3_ACCESS_KEY", "secretKey": "$(s3_secret)" }],
      "actions": ["Admin", "Read", "List", "Tagging", "Write"]
    }
  ]
}
EOF
  )
}

# Builds SeaweedFS's `weed` once per pinned version into ~/go/bin (cache ~/go in CI to skip it).
# `go install weed@version` refuses SeaweedFS because its go.mod has a replace directive, so a throw-away
# module in .vq/build requires it and repeats that replace.
ensure_weed() {
  [[ -x $WEED_BIN ]] && return 0
  command -v go >/dev/null || die "Go is needed to build the SeaweedFS S3 server (or set VOICEQUEUE_S3_SERVER=s3mock)"
  local dir="$ROOT/.vq/build/weed-$SEAWEEDFS_VERSION" t0=$SECONDS
  mkdir -p "$dir" "$(dirname "$WEED_BIN")"
  cat >"$dir/go.mod" <<EOF
module voicequeue.local/weedbuild

go 1.26

require github.com/seaweedfs/seaweedfs $SEAWEEDFS_VERSION

replace github.com/tyler-smith/go-bip39 => github.com/cosmos/go-bip39 v1.0.0
EOF
  say "s3: building SeaweedFS weed $SEAWEEDFS_VERSION with $(go version | cut -d' ' -f3) (several minutes the first time)"
  (cd "$dir" && GOFLAGS=-mod=mod go build -ldflags="-s -w" -o "$WEED_BIN.tmp.$$" github.com/seaweedfs/seaweedfs/weed) \
    >"$dir/build.log" 2>&1 || { tail -n 30 "$dir/build.log" >&2; die "building weed failed; log: $dir/build.log"; }
  mv "$WEED_BIN.tmp.$$" "$WEED_BIN"
  say "s3: built $WEED_BIN in $((SECONDS - t0))s"
}

ensure_s3mock_jar() {
  [[ -f $S3MOCK_JAR ]] && return 0
  say "s3: fetching Adobe S3Mock $S3MOCK_VERSION exec jar from Maven Central"
  (cd "$ROOT" && ./mvnw -q -B org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy \
    -Dartifact="com.adobe.testing:s3mock:$S3MOCK_VERSION:jar:exec" -DoutputDirectory="$LIB_DIR") \
    || die "could not fetch the S3Mock jar"
}
