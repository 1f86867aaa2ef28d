package io.audiohook.connector.emulator;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Vertx;

/**
 * Answers a unary call: refuses when the emulator is off, then runs the work after the configured
 * latency (plus a call's own, for the slow ones). Calls arrive on the event loop, so the latency is a Vert.x
 * timer, never a sleep.
 */
@ApplicationScoped
public class UnaryCalls {
    private static final Logger LOG = Logger.getLogger(UnaryCalls.class);

    @Inject
    EmulatorConfig config;
    @Inject
    EmulatorControl control;
    @Inject
    Vertx vertx;

    <T> void answer(StreamObserver<T> observer, Supplier<T> work) {
        answer(observer, Duration.ZERO, work);
    }

    /** @param extra latency of this call beyond every unary call's */
    <T> void answer(StreamObserver<T> observer, Duration extra, Supplier<T> work) {
        if (!config.enabled()) {
            observer.onError(Errors.disabled());
            return;
        }
        long delay = control.unaryLatency().plus(extra).toMillis();
        if (delay <= 0) {
            complete(observer, work);
            return;
        }
        Optional<Deadline> deadline = ClientDeadlines.current();
        vertx.setTimer(delay, id -> {
            if (deadline.isPresent() && deadline.get().isExpired()) {
                return; // the client gave up, as Google's server knows from the same deadline: nothing to answer
            }
            complete(observer, work);
        });
    }

    private static <T> void complete(StreamObserver<T> observer, Supplier<T> work) {
        T answer;
        try {
            answer = work.get();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
            return;
        } catch (RuntimeException e) {
            LOG.error("emulated call failed", e);
            observer.onError(Status.INTERNAL.withDescription("Emulator error: " + e).asRuntimeException());
            return;
        }
        observer.onNext(answer);
        observer.onCompleted();
    }
}
