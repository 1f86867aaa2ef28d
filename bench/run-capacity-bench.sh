#!/usr/bin/env bash
# Capacity benchmark: Redis, the Dialogflow emulator and the packaged connector, each its own process on
# localhost, driven by the load client at a series of session counts. See bench/README.md. Usage:
#   bench/run-capacity-bench.sh [--no-build] [--steps 100,250,500,1000] [--duration 30] [--settle 10] [--jfr]
#     [--path /audiohook/ws|/audiohook/transcription] [--audio-encoding mulaw-8k|linear16-8k|linear16-16k]
#     [--console-viewers V] [-- LoadClient options]
# --console-viewers: the live console on, and V browsers watching it (one the list, the others a call each); 0
#   turns the console on with nobody watching, for the run to compare with.
# Environment: CONNECTOR_HEAP (default 1g, -Xms = -Xmx), CONNECTOR_JAVA_OPTS, EMULATOR_JAVA_OPTS, BENCH_JAVA_OPTS,
#   CONNECTOR_JAR / EMULATOR_JAR (default target/quarkus-app/quarkus-run.jar: another build to compare with),
#   EMULATOR_STREAMS_PER_MINUTE (the project quota the emulator enforces, default 100000: a raised quota).
# Writes bench/results/capacity-<date>.{json,svg,md} (capacity-<encoding>-<date>.* with --audio-encoding); logs go
#   to bench/results/*-<date>.log (ignored by git).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="$ROOT/bench/results"
BUILD=1
STEPS="${STEPS:-100,250,500,1000}"
DURATION="${DURATION:-30}"
SETTLE="${SETTLE:-10}"
JFR=0
CALL_PATH="${CALL_PATH:-/audiohook/ws}"
AUDIO_ENCODING="${AUDIO_ENCODING:-}"
CONSOLE_VIEWERS="${CONSOLE_VIEWERS:-}"
CONNECTOR_HEAP="${CONNECTOR_HEAP:-1g}"
CONNECTOR_JAR="${CONNECTOR_JAR:-target/quarkus-app/quarkus-run.jar}"
EMULATOR_JAR="${EMULATOR_JAR:-target/quarkus-app/quarkus-run.jar}"
EMULATOR_STREAMS_PER_MINUTE="${EMULATOR_STREAMS_PER_MINUTE:-100000}"
CONNECTOR_JAVA_OPTS="${CONNECTOR_JAVA_OPTS:-}"
EMULATOR_JAVA_OPTS="${EMULATOR_JAVA_OPTS:--Xmx512m}"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx1g}"
EXTRA=()

usage() {
    sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit "$1"
}

while (($# > 0)); do
    case "$1" in
        --no-build) BUILD=0 ;;
        --steps) STEPS="${2:?--steps needs a value}"; shift ;;
        --duration) DURATION="${2:?--duration needs a value}"; shift ;;
        --settle) SETTLE="${2:?--settle needs a value}"; shift ;;
        --jfr) JFR=1 ;;
        --path) CALL_PATH="${2:?--path needs a value}"; shift ;;
        --audio-encoding) AUDIO_ENCODING="${2:?--audio-encoding needs a value}"; shift ;;
        --console-viewers) CONSOLE_VIEWERS="${2:?--console-viewers needs a value}"; shift ;;
        -h|--help) usage 0 ;;
        --) shift; EXTRA=("$@"); break ;;
        *) echo "unknown argument: $1" >&2; usage 2 ;;
    esac
    shift
done
[[ "$STEPS" =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "--steps is a comma-separated list of session counts" >&2; exit 2; }
for n in "$DURATION" "$SETTLE"; do
    [[ "$n" =~ ^[0-9]+$ ]] || { echo "--duration and --settle are whole seconds" >&2; exit 2; }
done
[[ -z "$CONSOLE_VIEWERS" || "$CONSOLE_VIEWERS" =~ ^[0-9]+$ ]] || { echo "--console-viewers is a whole number" >&2; exit 2; }
MAX_STEP=$(tr ',' '\n' <<<"$STEPS" | sort -n | tail -1)
case "$AUDIO_ENCODING" in
    ""|mulaw-8k|linear16-8k|linear16-16k) ;;
    *) echo "--audio-encoding is mulaw-8k, linear16-8k or linear16-16k" >&2; exit 2 ;;
esac

cd "$ROOT"
mkdir -p "$RESULTS"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
# the encoding in the result files' names, so that runs of different encodings sit side by side
[[ -n "$AUDIO_ENCODING" ]] && STAMP="$AUDIO_ENCODING-$STAMP"
[[ -n "$CONSOLE_VIEWERS" ]] && STAMP="console-$CONSOLE_VIEWERS-viewers-$STAMP"
CLASSPATH_FILE="$ROOT/target/bench-classpath.txt"
API_KEY_VALUE="bench-api-key"
CLIENT_SECRET_VALUE="YmVuY2gtY2xpZW50LXNlY3JldC0zMi1ieXRlcy1vayE="
PROFILE="projects/emulated-project/locations/us-central1/conversationProfiles/emulated-profile"

if ((BUILD)); then
    echo "building (./mvnw -B -q package -DskipTests) ..."
    ./mvnw -B -q package -DskipTests
fi
for jar in "$CONNECTOR_JAR" "$EMULATOR_JAR"; do
    [[ -f "$jar" ]] || { echo "$jar missing; run without --no-build" >&2; exit 1; }
done
echo "compiling the load client ..."
./mvnw -B -q test-compile # writes target/bench-classpath.txt too (pom.xml)

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { # base: 10000, 17000 or 24000; stays below the usual ephemeral range (32768+)
    local candidate
    for _ in $(seq 1 50); do
        candidate=$(($1 + RANDOM % 7000))
        if ! port_in_use "$candidate"; then
            echo "$candidate"
            return 0
        fi
    done
    echo "no free port found" >&2
    return 1
}

PIDS=()
# shellcheck disable=SC2317 # only invoked by the EXIT trap
stop_all() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null || true
    done
}
trap stop_all EXIT

wait_ready() { # name pid url log
    for _ in $(seq 1 300); do
        kill -0 "$2" 2>/dev/null || { echo "$1 exited during start-up; see $4" >&2; tail -n 20 "$4" >&2; exit 1; }
        curl -fsS -o /dev/null --max-time 1 "$3" 2>/dev/null && return 0
        sleep 0.2
    done
    echo "$1 not ready within 60 s; see $4" >&2
    exit 1
}

REDIS_PORT=$(free_port 10000)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$RESULTS/redis-$STAMP.log" 2>&1 &
PIDS+=($!); REDIS_PID=$!

EMULATOR_PORT=$(free_port 17000)
# shellcheck disable=SC2086
QUARKUS_PROFILE=emulator EMULATOR_PORT="$EMULATOR_PORT" QUARKUS_HTTP_HOST=127.0.0.1 PUBLISH_TO_REDIS=false \
    CONNECTOR_EMULATOR_STREAM_LIMIT="${CONNECTOR_EMULATOR_STREAM_LIMIT:-120s}" \
    CONNECTOR_EMULATOR_RULES_STREAMS_PER_MINUTE="$EMULATOR_STREAMS_PER_MINUTE" \
    java $EMULATOR_JAVA_OPTS -jar "$EMULATOR_JAR" >"$RESULTS/emulator-$STAMP.log" 2>&1 &
PIDS+=($!); EMULATOR_PID=$!

PORT=$(free_port 24000)
CONNECTOR_LOG="$RESULTS/connector-$STAMP.log"
# shellcheck disable=SC2086
PORT="$PORT" QUARKUS_HTTP_HOST=127.0.0.1 API_KEY="$API_KEY_VALUE" CLIENT_SECRET="$CLIENT_SECRET_VALUE" \
    MAX_SESSIONS=$((MAX_STEP + 100)) CONVERSATION_PROFILE_NAME="$PROFILE" \
    CONNECTOR_ASSIST_ENDPOINT="127.0.0.1:$EMULATOR_PORT" CONNECTOR_ASSIST_PLAINTEXT=true \
    REDISHOST=127.0.0.1 REDISPORT="$REDIS_PORT" CONNECTOR_ASSIST_AUDIO_ENCODING="${AUDIO_ENCODING:-mulaw-8k}" \
    CONNECTOR_CONSOLE_ENABLED="$([[ -n "$CONSOLE_VIEWERS" ]] && echo true || echo false)" \
    CONNECTOR_CONSOLE_TOKEN_REQUIRED=false \
    java -Xms"$CONNECTOR_HEAP" -Xmx"$CONNECTOR_HEAP" -Xlog:gc:file="$RESULTS/connector-gc-$STAMP.log" $CONNECTOR_JAVA_OPTS -jar "$CONNECTOR_JAR" \
    >"$CONNECTOR_LOG" 2>&1 &
PIDS+=($!); CONNECTOR_PID=$!

wait_ready emulator "$EMULATOR_PID" "http://127.0.0.1:$EMULATOR_PORT/q/health/ready" "$RESULTS/emulator-$STAMP.log"
wait_ready connector "$CONNECTOR_PID" "http://127.0.0.1:$PORT/q/health/ready" "$CONNECTOR_LOG"
echo "redis $REDIS_PID on $REDIS_PORT, emulator $EMULATOR_PID on $EMULATOR_PORT, connector $CONNECTOR_PID on $PORT (heap $CONNECTOR_HEAP)"

NOTES="Audio sent to Dialogflow as ${AUDIO_ENCODING:-mulaw-8k} (CONNECTOR_ASSIST_AUDIO_ENCODING)."
if [[ -n "$CONSOLE_VIEWERS" ]]; then
    NOTES="$NOTES Live console on, $CONSOLE_VIEWERS viewer(s) watching (one the list, the others a call each)."
    if ((CONSOLE_VIEWERS > 0)); then
        # shellcheck disable=SC2086
        java $BENCH_JAVA_OPTS -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$CLASSPATH_FILE")" \
            io.audiohook.connector.bench.ConsoleViewersLoad --url "http://127.0.0.1:$PORT" \
            --viewers "$CONSOLE_VIEWERS" >"$RESULTS/console-viewers-$STAMP.log" 2>&1 &
        PIDS+=($!)
    fi
fi

JFR_ARGS=()
((JFR)) && JFR_ARGS=(--jfr-dir "$RESULTS")
status=0
# shellcheck disable=SC2086
java $BENCH_JAVA_OPTS -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 \
    -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$CLASSPATH_FILE")" \
    io.audiohook.connector.bench.CapacityBenchmark \
    --uri "ws://127.0.0.1:$PORT$CALL_PATH" --api-key "$API_KEY_VALUE" --secret "$CLIENT_SECRET_VALUE" \
    --metrics "http://127.0.0.1:$PORT/q/metrics" --emulator-metrics "http://127.0.0.1:$EMULATOR_PORT/q/metrics" --connector-pid "$CONNECTOR_PID" --emulator-pid "$EMULATOR_PID" \
    --redis-pid "$REDIS_PID" --desktop-redis "127.0.0.1:$REDIS_PORT" --steps "$STEPS" --duration "$DURATION" --settle "$SETTLE" --out-dir "$RESULTS" \
    --stamp "$STAMP" --notes "$NOTES" \
    "${JFR_ARGS[@]}" -- "${EXTRA[@]}" || status=$?
exit "$status"
