#!/usr/bin/env bash
# Runs the load client (io.audiohook.connector.bench.LoadClient) against a connector, local or deployed.
# See bench/README.md. Usage:
#   bench/load.sh [--no-compile] --uri wss://HOST/audiohook/ws --api-key KEY --secret BASE64 [--sessions 10] [...]
# Builds like any Maven build on a fresh clone: `./mvnw test-compile` compiles the test tree and writes its classpath
# (target/bench-classpath.txt, see pom.xml). --no-compile reuses them. LOAD_JAVA_OPTS is passed to the client's JVM.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ "${1:-}" == "--no-compile" ]]; then
    shift
else
    echo "building the load client (./mvnw -B -q test-compile) ..." >&2
    ./mvnw -B -q test-compile >&2
fi
CLASSPATH_FILE="$ROOT/target/bench-classpath.txt"
[[ -f "$CLASSPATH_FILE" ]] || { echo "$CLASSPATH_FILE missing: run without --no-compile" >&2; exit 1; }
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# shellcheck disable=SC2086 # LOAD_JAVA_OPTS is a list of JVM options
exec "$JAVA" ${LOAD_JAVA_OPTS:-} -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 \
    -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$CLASSPATH_FILE")" \
    io.audiohook.connector.bench.LoadClient "$@"
