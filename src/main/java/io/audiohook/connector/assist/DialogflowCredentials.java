package io.audiohook.connector.assist;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

import com.google.api.gax.core.CredentialsProvider;
import com.google.auth.Credentials;
import com.google.auth.RequestMetadataCallback;
import com.google.auth.oauth2.GoogleCredentials;

/**
 * The credentials of every Dialogflow call in production: Application Default Credentials (on Cloud Run the
 * metadata server's service-account tokens, refreshed by Google's library before they expire), looked up once off
 * the event loops, and watched: every token request's outcome is seen, so a failing token source makes the
 * connector not ready and says so once at WARN (and once more when it works again), while calls degrade and retry.
 */
public final class DialogflowCredentials {
    private static final Logger LOG = Logger.getLogger(DialogflowCredentials.class);
    /** Dialogflow's default scopes. */
    public static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform",
            "https://www.googleapis.com/auth/dialogflow");
    private static final URI DIALOGFLOW = URI.create("https://dialogflow.googleapis.com/");
    private static final long CHECK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** Where the credentials come from; {@link GoogleCredentials#getApplicationDefault()} in production. */
    public interface Source {
        GoogleCredentials get() throws IOException;
    }

    private final Source source;
    private final Executor lookups;
    private final LongSupplier nanoTime;
    private final AtomicLong failures = new AtomicLong();
    private volatile CompletableFuture<Credentials> found;
    /** Why Dialogflow calls cannot be authenticated now; null when they can. */
    private volatile String problem = "looking up Application Default Credentials";
    private volatile long lastCheck;

    public DialogflowCredentials(Source source, Executor lookups, LongSupplier nanoTime) {
        this.source = source;
        this.lookups = lookups;
        this.nanoTime = nanoTime;
    }

    /** Starts the lookup (on {@code lookups}); calls made meanwhile wait for it. */
    public DialogflowCredentials start() {
        lookUp();
        return this;
    }

    private synchronized CompletableFuture<Credentials> lookUp() {
        CompletableFuture<Credentials> previous = found;
        if (previous != null && !previous.isCompletedExceptionally()) {
            return previous;
        }
        CompletableFuture<Credentials> next = CompletableFuture.supplyAsync(() -> {
            try {
                GoogleCredentials credentials = source.get();
                if (credentials.createScopedRequired()) {
                    credentials = credentials.createScoped(SCOPES);
                }
                credentials.getUniverseDomain(); // once here: gax asks on the first call of every client
                LOG.infof("Dialogflow credentials: %s", credentials.getClass().getSimpleName());
                return (Credentials) new Observed(credentials);
            } catch (IOException | RuntimeException e) {
                failed("Application Default Credentials not found", e);
                throw new IllegalStateException("Application Default Credentials not found: " + e.getMessage(), e);
            }
        }, lookups);
        found = next;
        return next;
    }

    /**
     * What gax asks when it builds a client (on the assist timer thread). It never waits: until the lookup has
     * found credentials it fails at once, and the call that needed them retries with its backoff, so no timer
     * thread is held up.
     */
    public CredentialsProvider provider() {
        return () -> {
            CompletableFuture<Credentials> lookup = lookUp();
            if (!lookup.isDone()) {
                throw new IOException("Dialogflow credentials are still being looked up");
            }
            try {
                return lookup.join();
            } catch (RuntimeException e) {
                throw new IOException("Dialogflow credentials unavailable", e);
            }
        };
    }

    /**
     * Why calls cannot be authenticated, if they cannot. Each call asks for a token without waiting (at most every
     * few seconds), so the answer follows the token source even while no call is made.
     */
    public Optional<String> problem() {
        long now = nanoTime.getAsLong();
        CompletableFuture<Credentials> current = found;
        if (now - lastCheck >= CHECK_EVERY_NANOS) {
            lastCheck = now;
            if (current == null || current.isCompletedExceptionally()) {
                lookUp();
            } else if (current.isDone()) {
                current.join().getRequestMetadata(DIALOGFLOW, lookups, new RequestMetadataCallback() {
                    @Override
                    public void onSuccess(Map<String, List<String>> metadata) {
                    }

                    @Override
                    public void onFailure(Throwable exception) {
                    }
                });
            }
        }
        return Optional.ofNullable(problem);
    }

    /** Token requests that failed since start. */
    public long failures() {
        return failures.get();
    }

    private void succeeded() {
        if (problem != null) {
            String was = problem;
            problem = null;
            if (failures.get() > 0) {
                LOG.infof("Dialogflow credentials work again (after: %s)", was);
            }
        }
    }

    private void failed(String what, Throwable e) {
        failures.incrementAndGet();
        String now = what + " (" + e.getClass().getSimpleName() + ")";
        if (problem == null || !problem.startsWith(what)) {
            String message = String.valueOf(e.getMessage());
            int newline = message.indexOf('\n');
            LOG.warnf("Dialogflow credentials: %s (%s). Dialogflow calls wait or fail until this recovers; calls "
                    + "keep their audio for a while and retry", what, newline < 0 ? message : message.substring(0, newline));
        }
        problem = now;
    }

    /** The real credentials, with the outcome of every request for a token recorded. */
    private final class Observed extends Credentials {
        private final GoogleCredentials delegate;

        Observed(GoogleCredentials delegate) {
            this.delegate = delegate;
        }

        @Override
        public String getAuthenticationType() {
            return delegate.getAuthenticationType();
        }

        @Override
        public String getUniverseDomain() throws IOException {
            return delegate.getUniverseDomain();
        }

        @Override
        public Map<String, List<String>> getRequestMetadata(URI uri) throws IOException {
            try {
                Map<String, List<String>> metadata = delegate.getRequestMetadata(uri);
                succeeded();
                return metadata;
            } catch (IOException | RuntimeException e) {
                failed("no access token", e);
                throw e;
            }
        }

        /**
         * gRPC passes its channel's executor, which is direct ({@link DialogflowClients}): the thread that starts a
         * call, an event loop. A token refresh is a blocking HTTP request (the metadata server), so it always runs
         * on the lookup thread instead.
         */
        @Override
        public void getRequestMetadata(URI uri, Executor callersExecutor, RequestMetadataCallback callback) {
            delegate.getRequestMetadata(uri, lookups, new RequestMetadataCallback() {
                @Override
                public void onSuccess(Map<String, List<String>> metadata) {
                    succeeded();
                    callback.onSuccess(metadata);
                }

                @Override
                public void onFailure(Throwable exception) {
                    failed("no access token", exception);
                    callback.onFailure(exception);
                }
            });
        }

        @Override
        public boolean hasRequestMetadata() {
            return delegate.hasRequestMetadata();
        }

        @Override
        public boolean hasRequestMetadataOnly() {
            return delegate.hasRequestMetadataOnly();
        }

        @Override
        public void refresh() throws IOException {
            delegate.refresh();
        }
    }
}
