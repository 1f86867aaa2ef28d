#!/usr/bin/env bash
# Sourced by bench/run-capacity-bench.sh, bench/run-soak.sh and bench/run-call-cost.sh: the processes a benchmark
# runs against, each on a free localhost port, all stopped when the script exits:
#   - Redis: redis-server --save '' --appendonly no;
#   - the Dialogflow emulator: the packaged app with QUARKUS_PROFILE=emulator (EMULATOR_JAVA_OPTS, -Xmx512m);
#   - the connector: the packaged app with a fixed heap (CONNECTOR_HEAP, -Xms = -Xmx) and GC logging, pointed at the
#     emulator and at Redis.
# The caller sets ROOT, RESULTS and STAMP, then: bench_build BUILD; start_redis; start_emulator;
# start_connector MAX_SESSIONS [VAR=value ...] (extra environment for the connector); wait_started; and runs its
# main with bench_java MAIN ARGS... (BENCH_JAVA_OPTS). Logs go to $RESULTS/{redis,emulator,connector}-$STAMP.log.
# Environment: CONNECTOR_HEAP (default 1g), CONNECTOR_JAVA_OPTS, EMULATOR_JAVA_OPTS, BENCH_JAVA_OPTS,
#   CONNECTOR_JAR / EMULATOR_JAR (default target/quarkus-app/quarkus-run.jar: another build to compare with),
#   EMULATOR_STREAMS_PER_MINUTE (the project quota the emulator enforces, default 100000: a raised quota),
#   CONNECTOR_EMULATOR_STREAM_LIMIT (the emulator's stream duration limit, default 120s),
#   CONNECTOR_JAVA (the java binary of the connector only, default java: another runtime to compare with, e.g.
#   /usr/lib/jvm/temurin-25-jdk-amd64/bin/java),
#   DIALOGFLOW_TLS=1 (the production path: the emulator also serves TLS with a certificate made for the run and
#   requires a bearer token on every call; the connector reaches it over TLS, trusting that certificate, with
#   Application Default Credentials from a metadata server stand-in, MetadataServerDouble; default 0: plaintext).

# shellcheck source=bench/run-main.sh
source "$ROOT/bench/run-main.sh"

CONNECTOR_HEAP="${CONNECTOR_HEAP:-1g}"
CONNECTOR_JAR="${CONNECTOR_JAR:-target/quarkus-app/quarkus-run.jar}"
EMULATOR_JAR="${EMULATOR_JAR:-target/quarkus-app/quarkus-run.jar}"
EMULATOR_STREAMS_PER_MINUTE="${EMULATOR_STREAMS_PER_MINUTE:-100000}"
DIALOGFLOW_TLS="${DIALOGFLOW_TLS:-0}"
CONNECTOR_JAVA_OPTS="${CONNECTOR_JAVA_OPTS:-}"
CONNECTOR_JAVA="${CONNECTOR_JAVA:-java}"
EMULATOR_JAVA_OPTS="${EMULATOR_JAVA_OPTS:--Xmx512m}"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx1g}"
API_KEY_VALUE="bench-api-key"
CLIENT_SECRET_VALUE="YmVuY2gtY2xpZW50LXNlY3JldC0zMi1ieXRlcy1vayE="
PROFILE="projects/emulated-project/locations/us-central1/conversationProfiles/emulated-profile"
CLASSPATH_FILE="$ROOT/target/bench-classpath.txt"

# Builds the app (unless BUILD is 0) and the test tree with its classpath file.
bench_build() {
    if (($1)); then
        echo "building (./mvnw -B -q package -DskipTests) ..."
        ./mvnw -B -q package -DskipTests
    fi
    local jar
    for jar in "$CONNECTOR_JAR" "$EMULATOR_JAR"; do
        [[ -f "$jar" ]] || { echo "$jar missing; run without --no-build" >&2; exit 1; }
    done
    echo "compiling the load client ..."
    ./mvnw -B -q test-compile # writes target/bench-classpath.txt too (pom.xml)
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { # base: 10000, 17000 or 24000; stays below the usual ephemeral range (32768+)
    local candidate
    for _ in $(seq 1 50); do
        candidate=$(($1 + RANDOM % 7000))
        if ! port_in_use "$candidate"; then
            echo "$candidate"
            return 0
        fi
    done
    echo "no free port found" >&2
    return 1
}

PIDS=()
# shellcheck disable=SC2317 # only invoked by the EXIT trap
stop_all() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null || true
    done
}
trap stop_all EXIT

wait_ready() { # name pid url log
    for _ in $(seq 1 300); do
        kill -0 "$2" 2>/dev/null || { echo "$1 exited during start-up; see $4" >&2; tail -n 20 "$4" >&2; exit 1; }
        curl -fsS -o /dev/null --max-time 1 "$3" 2>/dev/null && return 0
        sleep 0.2
    done
    echo "$1 not ready within 60 s; see $4" >&2
    exit 1
}

start_redis() { # sets REDIS_PORT, REDIS_PID
    REDIS_PORT=$(free_port 10000)
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$RESULTS/redis-$STAMP.log" 2>&1 &
    REDIS_PID=$!
    PIDS+=("$REDIS_PID")
}

start_emulator() { # sets EMULATOR_PORT, EMULATOR_PID; with DIALOGFLOW_TLS=1 also DIALOGFLOW_TARGET and the TLS_* below
    EMULATOR_PORT=$(free_port 17000)
    DIALOGFLOW_TARGET="127.0.0.1:$EMULATOR_PORT"
    local tls=()
    if ((DIALOGFLOW_TLS)); then
        start_tls_doubles
        DIALOGFLOW_TARGET="localhost:$TLS_PORT"
        tls=(QUARKUS_HTTP_SSL_PORT="$TLS_PORT" QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_FILE="$TLS_DIR/server.p12"
            QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_PASSWORD="$TLS_PASSWORD" CONNECTOR_EMULATOR_AUTH_REQUIRED=true
            CONNECTOR_EMULATOR_AUTH_TOKENINFO_URL="http://127.0.0.1:$METADATA_PORT/tokeninfo")
    fi
    # shellcheck disable=SC2086
    env QUARKUS_PROFILE=emulator EMULATOR_PORT="$EMULATOR_PORT" QUARKUS_HTTP_HOST=127.0.0.1 PUBLISH_TO_REDIS=false \
        CONNECTOR_EMULATOR_STREAM_LIMIT="${CONNECTOR_EMULATOR_STREAM_LIMIT:-120s}" \
        CONNECTOR_EMULATOR_RULES_STREAMS_PER_MINUTE="$EMULATOR_STREAMS_PER_MINUTE" "${tls[@]}" \
        java $EMULATOR_JAVA_OPTS -jar "$EMULATOR_JAR" >"$RESULTS/emulator-$STAMP.log" 2>&1 &
    EMULATOR_PID=$!
    PIDS+=("$EMULATOR_PID")
}

start_tls_doubles() { # sets TLS_DIR, TLS_PASSWORD, TLS_PORT, METADATA_PORT: a certificate for localhost, the metadata server
    TLS_DIR="$ROOT/target/bench-tls"
    TLS_PASSWORD="bench-$RANDOM$RANDOM"
    TLS_PORT=$(free_port 17000)
    METADATA_PORT=$(free_port 10000)
    rm -rf "$TLS_DIR"
    mkdir -p "$TLS_DIR"
    keytool -genkeypair -alias server -keyalg RSA -keysize 2048 -validity 2 -dname CN=localhost \
        -ext SAN=dns:localhost,ip:127.0.0.1 -storetype PKCS12 -keystore "$TLS_DIR/server.p12" \
        -storepass "$TLS_PASSWORD" -keypass "$TLS_PASSWORD" 2>/dev/null
    keytool -exportcert -alias server -keystore "$TLS_DIR/server.p12" -storepass "$TLS_PASSWORD" \
        -file "$TLS_DIR/server.crt" 2>/dev/null
    keytool -importcert -noprompt -alias server -file "$TLS_DIR/server.crt" -storetype PKCS12 \
        -keystore "$TLS_DIR/trust.p12" -storepass "$TLS_PASSWORD" 2>/dev/null
    bench_java_background "$RESULTS/metadata-$STAMP.log" io.audiohook.connector.bench.MetadataServerDouble \
        --port "$METADATA_PORT"
}

start_connector() { # MAX_SESSIONS [VAR=value ...]; sets PORT, CONNECTOR_PID, CONNECTOR_LOG
    local max_sessions="$1"
    shift
    PORT=$(free_port 24000)
    CONNECTOR_LOG="$RESULTS/connector-$STAMP.log"
    local dialogflow=(CONNECTOR_ASSIST_PLAINTEXT=true) trust=()
    if ((DIALOGFLOW_TLS)); then # as on Cloud Run: TLS, Application Default Credentials from the metadata server
        dialogflow=(GCE_METADATA_HOST="127.0.0.1:$METADATA_PORT" HOME="$TLS_DIR")
        trust=(-Djavax.net.ssl.trustStore="$TLS_DIR/trust.p12" -Djavax.net.ssl.trustStorePassword="$TLS_PASSWORD"
            -Djavax.net.ssl.trustStoreType=PKCS12)
    fi
    # shellcheck disable=SC2086
    env PORT="$PORT" QUARKUS_HTTP_HOST=127.0.0.1 API_KEY="$API_KEY_VALUE" CLIENT_SECRET="$CLIENT_SECRET_VALUE" \
        MAX_SESSIONS="$max_sessions" CONVERSATION_PROFILE_NAME="$PROFILE" \
        CONNECTOR_ASSIST_ENDPOINT="$DIALOGFLOW_TARGET" "${dialogflow[@]}" \
        REDISHOST=127.0.0.1 REDISPORT="$REDIS_PORT" "$@" \
        "$CONNECTOR_JAVA" -Xms"$CONNECTOR_HEAP" -Xmx"$CONNECTOR_HEAP" -Xlog:gc:file="$RESULTS/connector-gc-$STAMP.log" \
        "${trust[@]}" $CONNECTOR_JAVA_OPTS -jar "$CONNECTOR_JAR" >"$CONNECTOR_LOG" 2>&1 &
    CONNECTOR_PID=$!
    PIDS+=("$CONNECTOR_PID")
}

wait_started() {
    wait_ready emulator "$EMULATOR_PID" "http://127.0.0.1:$EMULATOR_PORT/q/health/ready" "$RESULTS/emulator-$STAMP.log"
    wait_ready connector "$CONNECTOR_PID" "http://127.0.0.1:$PORT/q/health/ready" "$CONNECTOR_LOG"
    echo "redis $REDIS_PID on $REDIS_PORT, emulator $EMULATOR_PID on $EMULATOR_PORT, connector $CONNECTOR_PID on $PORT (heap $CONNECTOR_HEAP)"
}

bench_java() { # MAIN ARGS...: a main of the test tree, in the foreground
    local main="$1"
    shift
    java_main_command "$CLASSPATH_FILE" "$ROOT/target/test-classes:$ROOT/target/classes" "$main" "$BENCH_JAVA_OPTS"
    "${JAVA_MAIN[@]}" "$@"
}

bench_java_background() { # LOG MAIN ARGS...: a helper process of the test tree, stopped with the others
    local log="$1" main="$2"
    shift 2
    java_main_command "$CLASSPATH_FILE" "$ROOT/target/test-classes:$ROOT/target/classes" "$main" "$BENCH_JAVA_OPTS"
    "${JAVA_MAIN[@]}" "$@" >"$log" 2>&1 &
    PIDS+=($!)
}
