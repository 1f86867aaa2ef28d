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
# shellcheck source=bench/run-main.sh
source "$ROOT/bench/run-main.sh"
run_main process-classes "$ROOT/target/demo-classpath.txt" "$ROOT/target/classes" io.audiohook.connector.demo.DemoCommand "${DEMO_JAVA_OPTS:-}" "$@"
