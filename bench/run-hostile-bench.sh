#!/usr/bin/env bash
# What hostile clients cost the connector: builds it, starts it on a free localhost port and runs
# io.audiohook.connector.bench.HostileClientsBenchmark against it. See bench/README.md. Usage:
#   bench/run-hostile-bench.sh [--no-build] [--idle 2000] [--flood 2000] [--idle-timeout 20]
# --idle-timeout: the connector's HTTP idle timeout for this run, in seconds (production: 620), so that the run
#   sees the idle connections closed. SERVER_JAVA_OPTS: the connector's JVM options (default: a 512 MB heap
#   committed and touched at start, so that RSS changes are native memory, not heap growth).
# Writes bench/results/hostile-<date>.json; the connector's log goes to bench/results/hostile-<date>.log (ignored).
# Takes about 3 minutes with the defaults (build included).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="$ROOT/bench/results"
BUILD=1
IDLE=2000
FLOOD=2000
IDLE_TIMEOUT=20
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:--Xms512m -Xmx512m -XX:+AlwaysPreTouch}"
while (($# > 0)); do
    case "$1" in
        --no-build) BUILD=0 ;;
        --idle) IDLE="${2:?}"; shift ;;
        --flood) FLOOD="${2:?}"; shift ;;
        --idle-timeout) IDLE_TIMEOUT="${2:?}"; shift ;;
        *) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
    esac
    shift
done
for n in "$IDLE" "$FLOOD" "$IDLE_TIMEOUT"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "options take whole numbers above 0" >&2; exit 2; }
done

cd "$ROOT"
mkdir -p "$RESULTS"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
LOG="$RESULTS/hostile-$STAMP.log"
API_KEY_VALUE="bench-api-key"
CLIENT_SECRET_VALUE="YmVuY2gtY2xpZW50LXNlY3JldC0zMi1ieXRlcy1vayE="
if ((BUILD)); then
    echo "building (./mvnw -B -q package -DskipTests) ..."
    ./mvnw -B -q package -DskipTests
fi
[[ -f target/quarkus-app/quarkus-run.jar ]] || { echo "target/quarkus-app missing; run without --no-build" >&2; exit 1; }
./mvnw -B -q test-compile # writes target/bench-classpath.txt too (pom.xml)

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=""
for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 12000))
    port_in_use "$candidate" || { PORT="$candidate"; break; }
done
[[ -n "$PORT" ]] || { echo "no free port found" >&2; exit 1; }

SERVER_PID=""
# shellcheck disable=SC2317 # only invoked by the EXIT trap
stop_server() {
    [[ -n "$SERVER_PID" ]] || return 0
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
}
trap stop_server EXIT

# No Redis: publishing off, so the signature nonces are kept in memory.
# shellcheck disable=SC2086 # SERVER_JAVA_OPTS is a list of JVM options
PORT="$PORT" QUARKUS_HTTP_HOST=127.0.0.1 API_KEY="$API_KEY_VALUE" CLIENT_SECRET="$CLIENT_SECRET_VALUE" \
    PUBLISH_TO_REDIS=false QUARKUS_HTTP_IDLE_TIMEOUT="${IDLE_TIMEOUT}s" \
    java $SERVER_JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar >"$LOG" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "the connector exited; see $LOG" >&2; exit 1; }
    # started, not ready: without a conversation profile readiness reports Dialogflow DOWN
    curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/q/health/started" 2>/dev/null && break
    sleep 0.2
done
echo "connector $SERVER_PID on $PORT (HTTP idle timeout ${IDLE_TIMEOUT} s, $SERVER_JAVA_OPTS)"

java -Xmx512m -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat target/bench-classpath.txt)" \
    io.audiohook.connector.bench.HostileClientsBenchmark \
    --uri "ws://127.0.0.1:$PORT/audiohook/ws" --api-key "$API_KEY_VALUE" --secret "$CLIENT_SECRET_VALUE" \
    --pid "$SERVER_PID" --log "$LOG" --out "$RESULTS/hostile-$STAMP.json" \
    --idle "$IDLE" --flood "$FLOOD" --idle-timeout-s "$IDLE_TIMEOUT"
