#!/usr/bin/env bash
# Runs the load client (io.audiohook.connector.bench.LoadClient) against a connector, local or deployed.
# See bench/README.md. Usage:
#   bench/load.sh [--no-compile] --uri wss://HOST/audiohook/ws --api-key KEY --secret BASE64 [--sessions 10] [...]
# Builds like any Maven build on a fresh clone: `./mvnw test-compile` compiles the test tree and writes its classpath
# (target/bench-classpath.txt, see pom.xml). --no-compile reuses them. LOAD_JAVA_OPTS is passed to the client's JVM.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=bench/run-main.sh
source "$ROOT/bench/run-main.sh"
run_main test-compile "$ROOT/target/bench-classpath.txt" "$ROOT/target/test-classes:$ROOT/target/classes" io.audiohook.connector.bench.LoadClient "${LOAD_JAVA_OPTS:-}" "$@"
