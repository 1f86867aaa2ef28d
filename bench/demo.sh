#!/usr/bin/env bash
# Places demo calls (io.audiohook.connector.demo.DemoCommand): the bundled two-party recording in real time, signed
# like Genesys, to an AudioHook endpoint here or deployed; prints each call's transcript lines as they come back.
# See bench/README.md. Usage:
#   bench/demo.sh [--no-compile] [--uri ws://localhost:8080/audiohook/ws] [--api-key KEY] [--secret BASE64]
#                 [--calls 1] [--stagger-ms 500] [--org-id UUID] [--monitor]
# With no options it calls ./mvnw quarkus:dev on this machine. Builds like any Maven build on a fresh clone:
# `./mvnw process-classes` compiles the production code and writes its classpath (target/demo-classpath.txt, see
# pom.xml). --no-compile reuses them. DEMO_JAVA_OPTS is passed to its JVM. Exit code 1 when a call failed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ "${1:-}" == "--no-compile" ]]; then
    shift
else
    echo "building the demo caller (./mvnw -B -q process-classes) ..." >&2
    ./mvnw -B -q process-classes >&2
fi
CLASSPATH_FILE="$ROOT/target/demo-classpath.txt"
[[ -f "$CLASSPATH_FILE" ]] || { echo "$CLASSPATH_FILE missing: run without --no-compile" >&2; exit 1; }
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# shellcheck disable=SC2086 # DEMO_JAVA_OPTS is a list of JVM options
exec "$JAVA" ${DEMO_JAVA_OPTS:-} -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 \
    -cp "$ROOT/target/classes:$(cat "$CLASSPATH_FILE")" \
    io.audiohook.connector.demo.DemoCommand "$@"
