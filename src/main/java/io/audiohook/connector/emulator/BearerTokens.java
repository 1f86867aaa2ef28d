package io.audiohook.connector.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Google's front ends refuse a call without a valid OAuth2 bearer token before any service sees it
 * ({@code UNAUTHENTICATED}); so does the emulator when {@code connector.emulator.auth.required} is on.
 * Counts every call it lets through, by method. A token not seen before is checked asynchronously
 * ({@link TokenInfo}); meanwhile the call waits, without holding its event loop.
 */
@ApplicationScoped
@GlobalInterceptor
public class BearerTokens implements ServerInterceptor {
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    private final EmulatorConfig config;
    private final EmulatorControl control;
    private final EmulatorMetrics metrics;
    private volatile TokenInfo tokens;

    BearerTokens(EmulatorConfig config, EmulatorControl control, EmulatorMetrics metrics) {
        this.config = config;
        this.control = control;
        this.metrics = metrics;
    }

    /** One checker per tokeninfo endpoint; a new endpoint (set at run time) starts with nothing remembered. */
    private TokenInfo tokens(Optional<java.net.URI> endpoint) {
        TokenInfo current = tokens;
        if (current == null || !current.endpoint().equals(endpoint)) {
            current = new TokenInfo(endpoint, System::nanoTime);
            tokens = current;
        }
        return current;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getBareMethodName();
        EmulatorControl.Auth auth = control.auth();
        if (!config.enabled() || !auth.required()) {
            metrics.call(method);
            return next.startCall(call, headers);
        }
        TokenInfo tokens = tokens(auth.tokeninfoUrl());
        Optional<String> token = bearer(headers.get(AUTHORIZATION));
        if (token.isEmpty()) {
            return refuse(call, true);
        }
        Optional<Boolean> known = tokens.known(token.get());
        if (known.isPresent()) {
            if (!known.get()) {
                return refuse(call, false);
            }
            metrics.call(method);
            return next.startCall(call, headers);
        }
        Context context = Vertx.currentContext();
        Deferred<Q> deferred = new Deferred<>();
        tokens.check(token.get()).whenComplete((valid, error) -> onContext(context, () -> {
            if (error != null) {
                metrics.refused("auth_unavailable");
                call.close(Status.UNAVAILABLE.withDescription("Authentication backend unavailable."), new Metadata());
                deferred.start(new ServerCall.Listener<>() {
                });
            } else if (!valid) {
                deferred.start(refuse(call, false));
            } else {
                metrics.call(method);
                deferred.start(next.startCall(call, headers));
            }
        }));
        return deferred;
    }

    static Optional<String> bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, boolean missing) {
        metrics.refused("unauthenticated");
        call.close(Errors.unauthenticated(missing).getStatus(), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }

    private static void onContext(Context context, Runnable task) {
        if (context == null) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }

    /**
     * Stands in for the real listener until the token is checked. The service has not asked for messages yet,
     * so only lifecycle callbacks can arrive meanwhile; they are replayed in order.
     */
    private static final class Deferred<Q> extends ServerCall.Listener<Q> {
        private final List<Consumer<ServerCall.Listener<Q>>> pending = new ArrayList<>();
        private ServerCall.Listener<Q> delegate;

        synchronized void start(ServerCall.Listener<Q> listener) {
            delegate = listener;
            pending.forEach(p -> p.accept(listener));
            pending.clear();
        }

        private synchronized void forward(Consumer<ServerCall.Listener<Q>> callback) {
            if (delegate != null) {
                callback.accept(delegate);
            } else {
                pending.add(callback);
            }
        }

        @Override
        public void onMessage(Q message) {
            forward(l -> l.onMessage(message));
        }

        @Override
        public void onHalfClose() {
            forward(ServerCall.Listener::onHalfClose);
        }

        @Override
        public void onCancel() {
            forward(ServerCall.Listener::onCancel);
        }

        @Override
        public void onComplete() {
            forward(ServerCall.Listener::onComplete);
        }

        @Override
        public void onReady() {
            forward(ServerCall.Listener::onReady);
        }
    }
}
