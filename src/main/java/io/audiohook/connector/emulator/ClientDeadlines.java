package io.audiohook.connector.emulator;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;

/**
 * The deadline each client sent with its call ({@code grpc-timeout}, gRPC over HTTP/2: "If Timeout is omitted a
 * server should assume an infinite timeout"), for the answers the emulator delays: Google's servers stop working
 * on a call whose deadline passed, and the client has cancelled it. Quarkus' gRPC server on the HTTP port neither
 * sets the call's {@link Context} deadline nor reports the client's cancellation, and a late answer written to the
 * cancelled stream made the HTTP/2 connection fail (GOAWAY, {@code PROTOCOL_ERROR}) with every other call on it;
 * so the deadline is read here and a delayed answer is dropped once it has passed.
 */
@GlobalInterceptor
@ApplicationScoped
public class ClientDeadlines implements ServerInterceptor {
    private static final Metadata.Key<String> TIMEOUT = Metadata.Key.of("grpc-timeout",
            Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<Deadline> DEADLINE = Context.key("emulator-client-deadline");

    /** The deadline of the call being answered, when its client sent one. */
    static Optional<Deadline> current() {
        return Optional.ofNullable(DEADLINE.get());
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        Optional<Deadline> deadline = parse(headers.get(TIMEOUT));
        if (deadline.isEmpty()) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(Context.current().withValue(DEADLINE, deadline.get()), call, headers, next);
    }

    /** {@code TimeoutValue TimeoutUnit}: at most 8 digits, then H, M, S, m, u or n. */
    static Optional<Deadline> parse(String timeout) {
        if (timeout == null || timeout.length() < 2 || timeout.length() > 9) {
            return Optional.empty();
        }
        long value;
        try {
            value = Long.parseLong(timeout.substring(0, timeout.length() - 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        TimeUnit unit = switch (timeout.charAt(timeout.length() - 1)) {
            case 'H' -> TimeUnit.HOURS;
            case 'M' -> TimeUnit.MINUTES;
            case 'S' -> TimeUnit.SECONDS;
            case 'm' -> TimeUnit.MILLISECONDS;
            case 'u' -> TimeUnit.MICROSECONDS;
            case 'n' -> TimeUnit.NANOSECONDS;
            default -> null;
        };
        return unit == null || value < 0 ? Optional.empty() : Optional.of(Deadline.after(value, unit));
    }
}
