package io.audiohook.connector.emulator;

import java.time.Instant;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;

/** java.time ↔ protobuf well-known types, without pulling in protobuf-java-util. */
final class Protos {
    private Protos() {
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static Duration duration(long millis) {
        return Duration.newBuilder().setSeconds(millis / 1000).setNanos((int) (millis % 1000) * 1_000_000).build();
    }

    static long millis(Duration duration) {
        return duration.getSeconds() * 1000 + duration.getNanos() / 1_000_000;
    }
}
