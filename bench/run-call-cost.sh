#!/usr/bin/env bash
# What a call's whole life costs the connector: Redis, the Dialogflow emulator and the packaged connector, each its
# own process on localhost (bench/processes.sh), and rounds of N calls of S seconds each (started over N/RAMP_RATE s,
# real-time speech, ended with close/end, every call published to Redis for a joined desktop) after one warm-up round
# that is not measured. Per round: the connector's CPU per call and per call-second from the first upgrade until every
# conversation is completed, by thread group; the emulator's, Redis' and the load client's; calls failed; audio
# dropped; with --jfr the connector's CPU samples by phase of the call; rounds of one N with different S give the
# fixed cost per call. See bench/README.md. Usage:
#   bench/run-call-cost.sh [--no-build] [--rounds 300x30,1000x10] [--warmup 100x20|0] [--ramp-rate 50] [--jfr]
#     [--heap] [-- LoadClient options]
# --heap: the heap after a full GC per live call at mid-round (the GC's CPU is then in the round).
# Environment: as bench/processes.sh (CONNECTOR_HEAP default 1g, CONNECTOR_JAVA_OPTS, CONNECTOR_JAR, ...).
# Writes bench/results/call-cost-<date>.{json,md} (and call-cost-<date>-<round>.jfr with --jfr); logs go to
#   bench/results/*-call-cost-<date>.log (ignored by git). Exit code 1 when a call failed, the server violated the
#   protocol, audio was dropped or a conversation was not completed in time.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="$ROOT/bench/results"
BUILD=1
ROUNDS="${ROUNDS:-300x30,1000x10}"
WARMUP="${WARMUP:-100x20}"
RAMP_RATE="${RAMP_RATE:-50}"
JFR=0
HEAP=0
EXTRA=()

usage() {
    sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit "$1"
}

while (($# > 0)); do
    case "$1" in
        --no-build) BUILD=0 ;;
        --rounds) ROUNDS="${2:?--rounds needs a value}"; shift ;;
        --warmup) WARMUP="${2:?--warmup needs a value}"; shift ;;
        --ramp-rate) RAMP_RATE="${2:?--ramp-rate needs a value}"; shift ;;
        --jfr) JFR=1 ;;
        --heap) HEAP=1 ;;
        -h|--help) usage 0 ;;
        --) shift; EXTRA=("$@"); break ;;
        *) echo "unknown argument: $1" >&2; usage 2 ;;
    esac
    shift
done
[[ "$ROUNDS" =~ ^[0-9]+x[0-9]+(,[0-9]+x[0-9]+)*$ ]] || { echo "--rounds is a comma-separated list of CALLSxSECONDS" >&2; exit 2; }
[[ "$WARMUP" == 0 || "$WARMUP" =~ ^[0-9]+x[0-9]+$ ]] || { echo "--warmup is CALLSxSECONDS or 0" >&2; exit 2; }
[[ "$RAMP_RATE" =~ ^[1-9][0-9]*$ ]] || { echo "--ramp-rate is a whole number of calls per second" >&2; exit 2; }
MAX_CALLS=$(tr ',' '\n' <<<"$ROUNDS,$WARMUP" | cut -dx -f1 | sort -n | tail -1)

cd "$ROOT"
mkdir -p "$RESULTS"
STAMP="call-cost-$(date -u +%Y%m%dT%H%M%SZ)" # in the processes' logs' names too: *-call-cost-<date>.log
# deep stacks: Vert.x, Netty and gRPC put more than JFR's default 64 frames under the connector's code
((JFR)) && CONNECTOR_JAVA_OPTS="${CONNECTOR_JAVA_OPTS:-} -XX:FlightRecorderOptions=stackdepth=256"
# shellcheck source=bench/processes.sh
source "$ROOT/bench/processes.sh"
bench_build "$BUILD"
start_redis
start_emulator
start_connector $((MAX_CALLS + 100)) CONNECTOR_CONSOLE_ENABLED=false
wait_started

OPTIONS=()
((JFR)) && OPTIONS+=(--jfr-dir "$RESULTS")
((HEAP)) && OPTIONS+=(--heap)
status=0
bench_java io.audiohook.connector.bench.CallCostBenchmark \
    --uri "ws://127.0.0.1:$PORT/audiohook/ws" --api-key "$API_KEY_VALUE" --secret "$CLIENT_SECRET_VALUE" \
    --metrics "http://127.0.0.1:$PORT/q/metrics" --connector-pid "$CONNECTOR_PID" --emulator-pid "$EMULATOR_PID" \
    --redis-pid "$REDIS_PID" --desktop-redis "127.0.0.1:$REDIS_PORT" --rounds "$ROUNDS" --warmup "$WARMUP" \
    --ramp-rate "$RAMP_RATE" --out-dir "$RESULTS" --stamp "${STAMP#call-cost-}" \
    --notes "Connector heap $CONNECTOR_HEAP; Redis, the emulator and the load client on the same machine." \
    "${OPTIONS[@]}" -- "${EXTRA[@]}" || status=$?
exit "$status"
