#!/bin/sh
# Trains the JVM's ahead-of-time cache for the packaged connector (JDK 25: JEP 483, 514 and 515): the connector runs
# with its Dialogflow emulator in-process and a local Redis, takes demo calls (io.audiohook.connector.demo, signed
# like Genesys, in both modes), and at its exit the JVM writes the classes it loaded and linked and the profiles of
# the methods that ran into OUT. Started with -XX:AOTCache=OUT, a new instance then runs a call's code compiled from
# the start instead of interpreting and profiling it through its first thousands of calls (bench/README.md, "the
# ahead-of-time cache": its first rounds of calls cost 30-40 % less CPU). The cache only serves the
# same JVM, the same jars at the same paths and the same JVM options: run this where the image runs (Dockerfile.jvm
# does, at build time). Never fails: without redis-server or curl, or if the connector does not start or write it,
# it writes no cache and says why, and the connector starts without one.
# Usage: aot-train.sh [APP_DIR (/deployments)] [OUT (APP_DIR/app.aot)] [CALLS: AudioHook Monitor calls, in waves of
#   100 (300); then a wave of Transcription Connector calls]
# The emulator's quota of streams per minute is raised for it: the calls come a hundred at a time.
# Environment: JAVA (java), JAVA_OPTS (the options the connector runs with; the cache is only used with the same),
#   KEEP_WORK=1 keeps the connector's, Redis' and the demo calls' logs (their folder is not removed).
set -u

APP="${1:-/deployments}"
OUT="${2:-$APP/app.aot}"
CALLS="${3:-300}"
WAVE=$((CALLS < 100 ? CALLS : 100))
JAVA="${JAVA:-java}"
JAVA_OPTS="${JAVA_OPTS:-}"
WORK="$(mktemp -d)"
PORT=18080
REDIS_PORT=16379
API_KEY="aot-training-key"
SECRET="YW90LXRyYWluaW5nLXNlY3JldC1ub3QtdXNlZC1hbnl3aGVyZQ=="
CONNECTOR=""
SUBSCRIBER=""
JOINER=""

say() { echo "aot-train: $*"; }

cleanup() {
    [ -n "$CONNECTOR" ] && kill "$CONNECTOR" 2>/dev/null
    [ -n "$SUBSCRIBER" ] && kill "$SUBSCRIBER" "$JOINER" 2>/dev/null
    redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1
    [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT

skip() {
    say "no cache written: $*"
    rm -f "$OUT"
    exit 0
}

if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    skip "redis-server is not installed"
fi
command -v curl >/dev/null || skip "curl is not installed"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --logfile "$WORK/redis.log" || skip "redis-server did not start"

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
env PORT="$PORT" QUARKUS_HTTP_HOST=127.0.0.1 API_KEY="$API_KEY" CLIENT_SECRET="$SECRET" \
    CONNECTOR_EMULATOR_ENABLED=true CONNECTOR_EMULATOR_RULES_STREAMS_PER_MINUTE=100000 \
    REDISHOST=127.0.0.1 REDISPORT="$REDIS_PORT" \
    "$JAVA" $JAVA_OPTS -XX:AOTCacheOutput="$OUT" -jar "$APP/quarkus-run.jar" >"$WORK/connector.log" 2>&1 &
CONNECTOR=$!

ready=0
for _ in $(seq 1 300); do
    if curl -fs -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" 2>/dev/null; then
        ready=1
        break
    fi
    kill -0 "$CONNECTOR" 2>/dev/null || break
    sleep 0.2
done
[ "$ready" = 1 ] || { tail -n 20 "$WORK/connector.log"; skip "the connector did not become ready"; }

# A desktop joined to every call, as Google's UI connector does on join-conversation: a subscriber to the
# instance's channels, and the key of each conversation the connector created, so that its events are published
JOINED="aot-training-desktop"
redis-cli -p "$REDIS_PORT" PSUBSCRIBE "$JOINED:*" >/dev/null 2>&1 &
SUBSCRIBER=$!
(
    while kill -0 "$CONNECTOR" 2>/dev/null; do
        grep -o 'projects/[^/" ]*/locations/[^/" ]*/conversations/[^/" ]*' "$WORK/connector.log" | sort -u \
            | sed 's#/locations/[^/]*/#/#; s#.*#SET & '"$JOINED"'#' | redis-cli -p "$REDIS_PORT" >/dev/null 2>&1
        sleep 1
    done
) &
JOINER=$!

calls() { # MODE...: a wave of demo calls (each the bundled recording in real time), reported; a failed call is
    # only reported: what it ran is trained too
    "$JAVA" -cp "$APP/app/*:$APP/lib/main/*:$APP/lib/boot/*" io.audiohook.connector.demo.DemoCommand \
        --uri "ws://127.0.0.1:$PORT/audiohook/ws" --api-key "$API_KEY" --secret "$SECRET" \
        --calls "$WAVE" --stagger-ms 50 "$@" >"$WORK/demo.log" 2>&1
    say "$(tail -n 1 "$WORK/demo.log")"
}
# waves rather than one burst: a JVM recording its training runs slowly, and a burst would only train refusals
wave=0
while [ $((wave * WAVE)) -lt "$CALLS" ]; do
    calls --monitor
    wave=$((wave + 1))
done
calls # Transcription Connector mode
say "published to the desktop: $(redis-cli -p "$REDIS_PORT" INFO commandstats | grep -o 'cmdstat_publish:calls=[0-9]*')"

kill "$CONNECTOR" # the JVM writes the cache as it exits
wait "$CONNECTOR"
status=$?
CONNECTOR=""
[ -s "$OUT" ] || { tail -n 20 "$WORK/connector.log"; skip "the connector exited ($status) without writing it"; }
say "wrote $OUT ($(du -h "$OUT" | cut -f1))"
