#!/usr/bin/env bash
# Runs the load client (io.audiohook.connector.bench.LoadClient) against a connector, local or deployed.
# See bench/README.md. Usage:
#   bench/load.sh --uri wss://HOST/audiohook/ws --api-key KEY --secret BASE64 [--sessions 10] [--ramp S] [--duration S] [...]
# Compiles the test tree (offline Maven) and runs the client; LOAD_JAVA_OPTS is passed to its JVM.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CLASSPATH_FILE="$ROOT/target/bench-classpath.txt"
if [[ "${1:-}" != "--no-compile" ]]; then
    ./mvnw -B -q test-compile >&2
    ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=test >&2
else
    shift
fi
# shellcheck disable=SC2086 # LOAD_JAVA_OPTS is a list of JVM options
exec java ${LOAD_JAVA_OPTS:-} -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 \
    -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$CLASSPATH_FILE")" \
    io.audiohook.connector.bench.LoadClient "$@"
