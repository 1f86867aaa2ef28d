#!/usr/bin/env bash
# Sourced by bench/demo.sh and bench/load.sh: builds what a Java main needs the way any fresh clone builds (a Maven
# phase, which also writes the classpath file: see the dependency plugin in pom.xml), then runs the main.
#   run_main PHASE CLASSPATH_FILE CLASS_DIRS MAIN JVM_OPTIONS [--no-compile] ARGS...
# --no-compile reuses what an earlier build left in target/.
run_main() {
    local phase="$1" classpath_file="$2" class_dirs="$3" main="$4" jvm_options="$5"
    shift 5
    if [[ "${1:-}" == "--no-compile" ]]; then
        shift
    else
        echo "building ${main##*.} (./mvnw -B -q $phase) ..." >&2
        ./mvnw -B -q "$phase" >&2
    fi
    [[ -f "$classpath_file" ]] || { echo "$classpath_file missing: run without --no-compile" >&2; exit 1; }
    local java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
    # shellcheck disable=SC2086 # the JVM options are a list
    exec "$java" $jvm_options -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 \
        -cp "$class_dirs:$(cat "$classpath_file")" "$main" "$@"
}
