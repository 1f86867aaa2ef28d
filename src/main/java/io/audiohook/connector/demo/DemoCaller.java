package io.audiohook.connector.demo;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Places demo calls: the bundled two-party recording streamed in real time to an AudioHook endpoint, signed and
 * spoken like Genesys Cloud. One caller serves any number of calls at once on three threads of its own (one timer
 * paces every call's frames and pings, two carry the sockets' I/O): make one per application and close it at the
 * end. Thread-safe.
 *
 * <pre>{@code
 * DemoCaller caller = new DemoCaller();
 * DemoCall call = caller.place(Target.of("ws://localhost:8080/audiohook/ws", "dev-api-key", base64Secret));
 * call.done().thenAccept(outcome -> ...);   // about recordingLength() + a second later
 * }</pre>
 */
public final class DemoCaller implements AutoCloseable {
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService io;
    private final HttpClient http;
    private final Set<DemoCall> live = ConcurrentHashMap.newKeySet();
    private boolean closed; // guarded by this

    public DemoCaller() {
        scheduler = new ScheduledThreadPoolExecutor(1, daemon("demo-caller-timer"));
        scheduler.setRemoveOnCancelPolicy(true); // a finished call's timers leave the queue at once
        io = Executors.newFixedThreadPool(2, daemon("demo-caller-io"));
        http = HttpClient.newBuilder()
                .executor(io)
                .connectTimeout(CallSession.STEP_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER) // Genesys does not follow a redirect on the upgrade
                .build();
    }

    /** Places a call and returns at once; the upgrade and everything after it happen in the background. */
    public DemoCall place(Target target) {
        return place(target, DemoListener.NONE);
    }

    /**
     * Places a call that reports to {@code listener} while it runs.
     *
     * @throws IllegalStateException when this caller has been closed
     */
    public DemoCall place(Target target, DemoListener listener) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(listener, "listener");
        DemoCall call = new DemoCall(target, listener, scheduler, Recording.bundled());
        synchronized (this) { // close() either sees the call or the call sees close()
            if (closed) {
                throw new IllegalStateException("this demo caller is closed");
            }
            live.add(call);
        }
        call.done().whenComplete((outcome, error) -> live.remove(call));
        call.start(http);
        return call;
    }

    /** Calls placed and not yet ended. */
    public int liveCalls() {
        return live.size();
    }

    /** How long the recording plays: a completed call takes this plus its open and close. */
    public static Duration recordingLength() {
        return Recording.bundled().duration();
    }

    /** Ends every live call at once (it fails: "the demo caller was closed") and stops the threads. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        for (DemoCall call : live) {
            call.abort("the demo caller was closed");
        }
        scheduler.shutdownNow();
        io.shutdownNow();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
