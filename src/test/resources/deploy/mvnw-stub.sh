#!/usr/bin/env bash
# Stand-in for ./mvnw, used by DeployScriptTest: records the call in $STUB_LOG and leaves a
# fast-jar behind, as `./mvnw -B package -DskipTests` would.
set -euo pipefail
printf 'mvnw %s\n' "$*" >>"${STUB_LOG:?STUB_LOG must be set}"
mkdir -p target/quarkus-app/lib target/quarkus-app/app target/quarkus-app/quarkus
touch target/quarkus-app/quarkus-run.jar
