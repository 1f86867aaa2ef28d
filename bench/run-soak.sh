#!/usr/bin/env bash
# Soak with call churn: Redis, the Dialogflow emulator and the packaged connector, each its own process on localhost
# (bench/processes.sh), and SLOTS session slots that each place consecutive calls of about CALL_SECONDS (± 20 %, each
# ended with close/end) for MINUTES, every call published to Redis for a joined desktop. Every SAMPLE_SECONDS the
# connector's heap after a full GC, RSS, threads, open file descriptors, CPU and metrics (dropped audio, the
# conversation ledger) are sampled; at the end the least-squares slopes over time (after WARMUP_MINUTES). See
# bench/README.md. Usage:
#   bench/run-soak.sh [--no-build] [--slots 500] [--call-seconds 60] [--minutes 10] [--sample-seconds 30]
#     [--warmup-minutes 2] [-- LoadClient options]
# Environment: as bench/processes.sh (CONNECTOR_HEAP default 1g, CONNECTOR_JAVA_OPTS, CONNECTOR_JAR, ...).
# Writes bench/results/soak-<date>.{json,md}; logs go to bench/results/*-soak-<date>.log (ignored by git).
# Exit code 1 when a call failed, the server violated the protocol or the connector dropped audio.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="$ROOT/bench/results"
BUILD=1
SLOTS="${SLOTS:-500}"
CALL_SECONDS="${CALL_SECONDS:-60}"
MINUTES="${MINUTES:-10}"
SAMPLE_SECONDS="${SAMPLE_SECONDS:-30}"
WARMUP_MINUTES="${WARMUP_MINUTES:-2}"
EXTRA=()

usage() {
    sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit "$1"
}

while (($# > 0)); do
    case "$1" in
        --no-build) BUILD=0 ;;
        --slots) SLOTS="${2:?--slots needs a value}"; shift ;;
        --call-seconds) CALL_SECONDS="${2:?--call-seconds needs a value}"; shift ;;
        --minutes) MINUTES="${2:?--minutes needs a value}"; shift ;;
        --sample-seconds) SAMPLE_SECONDS="${2:?--sample-seconds needs a value}"; shift ;;
        --warmup-minutes) WARMUP_MINUTES="${2:?--warmup-minutes needs a value}"; shift ;;
        -h|--help) usage 0 ;;
        --) shift; EXTRA=("$@"); break ;;
        *) echo "unknown argument: $1" >&2; usage 2 ;;
    esac
    shift
done
for n in "$SLOTS" "$CALL_SECONDS" "$MINUTES" "$SAMPLE_SECONDS" "$WARMUP_MINUTES"; do
    [[ "$n" =~ ^[0-9]+$ ]] || { echo "--slots, --call-seconds, --minutes, --sample-seconds and --warmup-minutes are whole numbers" >&2; exit 2; }
done
((SLOTS > 0 && CALL_SECONDS > 0 && MINUTES > 0 && SAMPLE_SECONDS > 0)) || { echo "--slots, --call-seconds, --minutes and --sample-seconds are at least 1" >&2; exit 2; }
((WARMUP_MINUTES < MINUTES)) || { echo "--warmup-minutes must be shorter than --minutes" >&2; exit 2; }

cd "$ROOT"
mkdir -p "$RESULTS"
STAMP="soak-$(date -u +%Y%m%dT%H%M%SZ)" # in the processes' logs' names too: *-soak-<date>.log
# shellcheck source=bench/processes.sh
source "$ROOT/bench/processes.sh"
bench_build "$BUILD"
start_redis
start_emulator
start_connector $((SLOTS + 100))
wait_started

status=0
bench_java io.audiohook.connector.bench.SoakBenchmark \
    --uri "ws://127.0.0.1:$PORT/audiohook/ws" --api-key "$API_KEY_VALUE" --secret "$CLIENT_SECRET_VALUE" \
    --metrics "http://127.0.0.1:$PORT/q/metrics" --connector-pid "$CONNECTOR_PID" \
    --desktop-redis "127.0.0.1:$REDIS_PORT" --slots "$SLOTS" --call-seconds "$CALL_SECONDS" --minutes "$MINUTES" \
    --sample-seconds "$SAMPLE_SECONDS" --warmup-minutes "$WARMUP_MINUTES" --out-dir "$RESULTS" --stamp "${STAMP#soak-}" \
    --notes "Connector heap $CONNECTOR_HEAP; Redis, the emulator and the load client on the same machine." \
    -- "${EXTRA[@]}" || status=$?
exit "$status"
