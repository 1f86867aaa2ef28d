package io.audiohook.connector.assist;

import java.util.concurrent.CompletableFuture;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.common.util.concurrent.MoreExecutors;

/** Bridges gax futures to {@link CompletableFuture}; continuations run on the gRPC thread that completed them. */
final class Futures {
    private Futures() {
    }

    static <T> CompletableFuture<T> of(ApiFuture<T> future) {
        CompletableFuture<T> result = new CompletableFuture<>();
        ApiFutures.addCallback(future, new ApiFutureCallback<>() {
            @Override
            public void onFailure(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onSuccess(T value) {
                result.complete(value);
            }
        }, MoreExecutors.directExecutor());
        return result;
    }

    /** The messages of a failure and its causes, for recognising a status description; never null. */
    static String description(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = t; cause != null && all.length() < 2000; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                all.append(cause.getMessage()).append('\n');
            }
        }
        return all.toString();
    }

    /** The gRPC code of a failure, looking through completion wrappers; {@code UNKNOWN} when there is none. */
    static StatusCode.Code code(Throwable t) {
        Throwable cause = t;
        while (cause != null) {
            if (cause instanceof ApiException api) {
                return api.getStatusCode().getCode();
            }
            cause = cause.getCause();
        }
        return StatusCode.Code.UNKNOWN;
    }
}
