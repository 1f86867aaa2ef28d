#!/usr/bin/env bash
# What watching the live console costs the calls, measured inside one connector process: while N calls stream
# (bench/run-capacity-bench.sh with the console on), the connector's CPU is read over alternating windows without
# and with V browsers watching (io.audiohook.connector.bench.ConsoleViewersLoad), so JIT state, heap layout and
# the machine's drift weigh on both sides alike (ABBA order). See bench/README.md. Usage:
#   bench/run-console-cost.sh [--no-build] [--sessions 200] [--viewers 5] [--window 25] [--pairs 4]
# Prints each window and the means; writes bench/results/console-cost-<date>.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD=(); SESSIONS=200; VIEWERS=5; WINDOW=25; PAIRS=4
while (($# > 0)); do
    case "$1" in
        --no-build) BUILD=(--no-build) ;;
        --sessions) SESSIONS="${2:?}"; shift ;;
        --viewers) VIEWERS="${2:?}"; shift ;;
        --window) WINDOW="${2:?}"; shift ;;
        --pairs) PAIRS="${2:?}"; shift ;;
        *) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
    esac
    shift
done
for n in "$SESSIONS" "$VIEWERS" "$WINDOW" "$PAIRS"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "options take whole numbers above 0" >&2; exit 2; }
done
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
LOG="$ROOT/bench/results/console-cost-$STAMP.log"
mkdir -p "$ROOT/bench/results"
# the calls stream for longer than every window together; the capacity run measures its own window meanwhile
SPAN=$((PAIRS * 2 * (WINDOW + 5) + 30))
bench/run-capacity-bench.sh "${BUILD[@]}" --steps "$SESSIONS" --duration "$SPAN" --settle 10 --console-viewers 0 \
    >"$LOG" 2>&1 &
BENCH=$!
VIEWER_PID=""
# shellcheck disable=SC2317 # only invoked by the EXIT trap
cleanup() {
    [[ -n "$VIEWER_PID" ]] && kill "$VIEWER_PID" 2>/dev/null
    kill "$BENCH" 2>/dev/null || true
    wait "$BENCH" 2>/dev/null || true
}
trap cleanup EXIT

for _ in $(seq 1 600); do
    grep -q "sessions streaming" "$LOG" 2>/dev/null && break
    kill -0 "$BENCH" 2>/dev/null || { echo "the capacity run ended early; see $LOG" >&2; exit 1; }
    sleep 1
done
read -r PID PORT < <(sed -nE 's/.*connector ([0-9]+) on ([0-9]+).*/\1 \2/p' "$LOG" | head -1)
[[ -n "$PID" ]] || { echo "no connector pid in $LOG" >&2; exit 1; }
sleep 12 # the capacity run's settle
TICK=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
measure() { # seconds -> connector CPU ms per call-second
    local before after
    before=$(cpu); sleep "$1"; after=$(cpu)
    awk -v d=$((after - before)) -v t="$TICK" -v s="$1" -v n="$SESSIONS" 'BEGIN {printf "%.3f", d * 1000 / t / (s * n)}'
}
CLASSPATH="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/bench-classpath.txt")"
OFF=(); ON=()
watched() { # seconds -> the same, with the viewers watching
    java -Xmx256m -cp "$CLASSPATH" io.audiohook.connector.bench.ConsoleViewersLoad --url "http://127.0.0.1:$PORT" \
        --viewers "$VIEWERS" >>"$LOG" 2>&1 &
    VIEWER_PID=$!
    sleep 5 # the viewers connect and pick their calls
    measure "$1"
    kill "$VIEWER_PID"; wait "$VIEWER_PID" 2>/dev/null || true; VIEWER_PID=""
    sleep 2
}
# ABBA order (off, on, on, off, ...): the connector still gets faster as it warms, and a drift that favoured the
# second window of every pair would pass for a difference
for pair in $(seq 1 "$PAIRS"); do
    if ((pair % 2)); then
        OFF+=("$(measure "$WINDOW")"); ON+=("$(watched "$WINDOW")")
    else
        ON+=("$(watched "$WINDOW")"); OFF+=("$(measure "$WINDOW")")
    fi
    echo "pair $pair: no viewer ${OFF[-1]}, $VIEWERS viewers ${ON[-1]} ms per call-second"
done
mean() { printf '%s\n' "$@" | awk '{s += $1} END {printf "%.3f", s / NR}'; }
M_OFF=$(mean "${OFF[@]}"); M_ON=$(mean "${ON[@]}")
CHANGE=$(awk -v a="$M_OFF" -v b="$M_ON" 'BEGIN {printf "%+.1f", (b - a) * 100 / a}')
{
    echo "# Console cost, $STAMP"
    echo
    echo "$SESSIONS calls streaming, $VIEWERS viewers (one the list, the others a call each), ${WINDOW} s windows"
    echo "alternating in one connector process (ABBA order). Connector CPU ms per call-second:"
    echo
    echo "| pair | no viewer | $VIEWERS viewers |"
    echo "|---:|---:|---:|"
    for i in "${!OFF[@]}"; do echo "| $((i + 1)) | ${OFF[$i]} | ${ON[$i]} |"; done
    echo "| mean | $M_OFF | $M_ON ($CHANGE %) |"
} | tee "$ROOT/bench/results/console-cost-$STAMP.md"
