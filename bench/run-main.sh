#!/usr/bin/env bash
# Sourced by bench/demo.sh and bench/load.sh: builds what a Java main needs the way any fresh clone builds (a Maven
# phase, which also writes the classpath file: see the dependency plugin in pom.xml), then runs the main.
#   run_main PHASE CLASSPATH_FILE CLASS_DIRS MAIN JVM_OPTIONS [--no-compile] ARGS...
# --no-compile reuses what an earlier build left in target/. bench/processes.sh runs its mains with java_main.
run_main() {
    local phase="$1" classpath_file="$2" class_dirs="$3" main="$4" jvm_options="$5"
    shift 5
    if [[ "${1:-}" == "--no-compile" ]]; then
        shift
    else
        echo "building ${main##*.} (./mvnw -B -q $phase) ..." >&2
        ./mvnw -B -q "$phase" >&2
    fi
    java_main_command "$classpath_file" "$class_dirs" "$main" "$jvm_options"
    exec "${JAVA_MAIN[@]}" "$@"
}

# Sets the array JAVA_MAIN to the command that runs MAIN (arguments to be appended).
#   java_main_command CLASSPATH_FILE CLASS_DIRS MAIN JVM_OPTIONS
java_main_command() {
    local classpath_file="$1" class_dirs="$2" main="$3" jvm_options="$4"
    [[ -f "$classpath_file" ]] || { echo "$classpath_file missing: run without --no-compile" >&2; exit 1; }
    local java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
    # shellcheck disable=SC2206 # the JVM options are a list
    JAVA_MAIN=("$java" $jvm_options -Djava.util.concurrent.ForkJoinPool.common.parallelism=2
        -cp "$class_dirs:$(cat "$classpath_file")" "$main")
}
