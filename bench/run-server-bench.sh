#!/usr/bin/env bash
# Builds the connector, starts it on a free localhost port and runs ServerBenchmark against it.
# See bench/README.md. Usage:
#   bench/run-server-bench.sh [--no-build] [--sessions N] [--duration SECONDS] [--opens K] [-- extra ServerBenchmark options]
# The same parameters can be given as environment variables SESSIONS, DURATION, OPENS;
# SERVER_JAVA_OPTS is passed to the server JVM, BENCH_JAVA_OPTS to the load generator JVM.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="$ROOT/bench/results"
BUILD=1
SESSIONS="${SESSIONS:-100}"
DURATION="${DURATION:-30}"
OPENS="${OPENS:-300}"
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:-}"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-}"
EXTRA=()

usage() {
    sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit "$1"
}

while (($# > 0)); do
    case "$1" in
        --no-build) BUILD=0 ;;
        --sessions) SESSIONS="${2:?--sessions needs a value}"; shift ;;
        --duration) DURATION="${2:?--duration needs a value}"; shift ;;
        --opens) OPENS="${2:?--opens needs a value}"; shift ;;
        -h|--help) usage 0 ;;
        --) shift; EXTRA=("$@"); break ;;
        *) echo "unknown argument: $1" >&2; usage 2 ;;
    esac
    shift
done

for n in "$SESSIONS" "$DURATION" "$OPENS"; do
    [[ "$n" =~ ^[0-9]+$ ]] || { echo "SESSIONS, DURATION and OPENS must be whole numbers" >&2; exit 2; }
done

cd "$ROOT"
mkdir -p "$RESULTS"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
SERVER_LOG="$RESULTS/server-$STAMP.log"
OUT="$RESULTS/server-bench-$STAMP.json"
CLASSPATH_FILE="$ROOT/target/bench-classpath.txt"

# Bench-only credentials; the secret is base64 of 32 ASCII bytes.
API_KEY_VALUE="bench-api-key"
CLIENT_SECRET_VALUE="YmVuY2gtY2xpZW50LXNlY3JldC0zMi1ieXRlcy1vayE="

if ((BUILD)); then
    echo "building (./mvnw -B -q package -DskipTests) ..."
    ./mvnw -B -q package -DskipTests
fi
[[ -f target/quarkus-app/quarkus-run.jar ]] || { echo "target/quarkus-app/quarkus-run.jar missing; run without --no-build" >&2; exit 1; }

echo "compiling the load generator ..."
./mvnw -B -q test-compile # writes target/bench-classpath.txt too (pom.xml)

port_in_use() {
    # A successful connect means something listens there.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

PORT=""
for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 40000))
    if ! port_in_use "$candidate"; then
        PORT="$candidate"
        break
    fi
done
[[ -n "$PORT" ]] || { echo "no free port found" >&2; exit 1; }

SERVER_PID=""
# shellcheck disable=SC2317 # only invoked by the EXIT trap
stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "server did not stop within 10 s; killing it" >&2
            kill -9 "$SERVER_PID" 2>/dev/null || true
        fi
        wait "$SERVER_PID" 2>/dev/null || true
    fi
}
trap stop_server EXIT

MAX_SESSIONS_VALUE=$((SESSIONS + 100))
echo "starting the server on 127.0.0.1:$PORT (log: ${SERVER_LOG#"$ROOT"/}) ..."
# shellcheck disable=SC2086 # SERVER_JAVA_OPTS is a list of JVM options
PORT="$PORT" QUARKUS_HTTP_HOST=127.0.0.1 API_KEY="$API_KEY_VALUE" CLIENT_SECRET="$CLIENT_SECRET_VALUE" \
    MAX_SESSIONS="$MAX_SESSIONS_VALUE" \
    java $SERVER_JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

ready=0
for _ in $(seq 1 300); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "server exited during start-up; see $SERVER_LOG" >&2
        tail -n 20 "$SERVER_LOG" >&2
        exit 1
    fi
    # started, not ready: this protocol-only run has no conversation profile, so readiness reports Dialogflow DOWN
    if curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/q/health/started" 2>/dev/null; then
        ready=1
        break
    fi
    sleep 0.2
done
((ready)) || { echo "server not ready within 60 s; see $SERVER_LOG" >&2; exit 1; }
echo "server ready (pid $SERVER_PID)"

status=0
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of JVM options
java $BENCH_JAVA_OPTS -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$CLASSPATH_FILE")" \
    io.audiohook.connector.bench.ServerBenchmark \
    --uri "ws://127.0.0.1:$PORT/audiohook/ws" --api-key "$API_KEY_VALUE" --secret "$CLIENT_SECRET_VALUE" \
    --pid "$SERVER_PID" --out "$OUT" \
    --sessions "$SESSIONS" --duration "$DURATION" --opens "$OPENS" "${EXTRA[@]}" || status=$?

if ((status != 0)); then
    echo "benchmark reported failures or violations (exit $status); see $OUT and $SERVER_LOG" >&2
fi
exit "$status"
