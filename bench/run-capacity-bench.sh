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
# shellcheck source=bench/processes.sh
source "$ROOT/bench/processes.sh"
bench_build "$BUILD"
start_redis
start_emulator
start_connector $((MAX_STEP + 100)) CONNECTOR_ASSIST_AUDIO_ENCODING="${AUDIO_ENCODING:-mulaw-8k}" \
    CONNECTOR_CONSOLE_ENABLED="$([[ -n "$CONSOLE_VIEWERS" ]] && echo true || echo false)" \
    CONNECTOR_CONSOLE_TOKEN_REQUIRED=false
wait_started

NOTES="Audio sent to Dialogflow as ${AUDIO_ENCODING:-mulaw-8k} (CONNECTOR_ASSIST_AUDIO_ENCODING)."
if [[ -n "$CONSOLE_VIEWERS" ]]; then
    NOTES="$NOTES Live console on, $CONSOLE_VIEWERS viewer(s) watching (one the list, the others a call each)."
    if ((CONSOLE_VIEWERS > 0)); then
        bench_java_background "$RESULTS/console-viewers-$STAMP.log" io.audiohook.connector.bench.ConsoleViewersLoad \
            --url "http://127.0.0.1:$PORT" --viewers "$CONSOLE_VIEWERS"
    fi
fi

JFR_ARGS=()
((JFR)) && JFR_ARGS=(--jfr-dir "$RESULTS")
status=0
bench_java io.audiohook.connector.bench.CapacityBenchmark \
    --uri "ws://127.0.0.1:$PORT$CALL_PATH" --api-key "$API_KEY_VALUE" --secret "$CLIENT_SECRET_VALUE" \
    --metrics "http://127.0.0.1:$PORT/q/metrics" --emulator-metrics "http://127.0.0.1:$EMULATOR_PORT/q/metrics" --connector-pid "$CONNECTOR_PID" --emulator-pid "$EMULATOR_PID" \
    --redis-pid "$REDIS_PID" --desktop-redis "127.0.0.1:$REDIS_PORT" --steps "$STEPS" --duration "$DURATION" --settle "$SETTLE" --out-dir "$RESULTS" \
    --stamp "$STAMP" --notes "$NOTES" \
    "${JFR_ARGS[@]}" -- "${EXTRA[@]}" || status=$?
exit "$status"
