#!/usr/bin/env bash
# Summarises a JFR recording's CPU samples (jdk.ExecutionSample): the hottest top frames and the hottest
# frames anywhere on the stack (inclusive), as counts. Usage: bench/jfr-top.sh FILE.jfr [N=25]
set -euo pipefail
FILE="${1:?usage: bench/jfr-top.sh FILE.jfr [N]}"
N="${2:-25}"
OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT
jfr print --events jdk.ExecutionSample --stack-depth 64 "$FILE" >"$OUT"
total=$(grep -c 'jdk.ExecutionSample' "$OUT" || true)
echo "samples: $total"
echo "--- top frames (self) ---"
awk '/stackTrace = \[/{getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); print}' "$OUT" | sort | uniq -c | sort -rn | head -n "$N"
echo "--- frames anywhere on the stack (inclusive, once per sample) ---"
awk '/jdk.ExecutionSample/{delete seen} /^[ \t]+[a-zA-Z_$].*line:/{f=$0; sub(/^[ \t]+/, "", f); sub(/[ \t]*line:.*/, "", f); if (!(f in seen)) {seen[f]=1; print f}}' "$OUT" \
    | sort | uniq -c | sort -rn | head -n "$N"
