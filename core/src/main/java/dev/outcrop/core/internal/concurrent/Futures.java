package dev.outcrop.core.internal.concurrent;

import java.util.concurrent.CompletionException;

/** Small helpers for CompletableFuture chains. */
public final class Futures {

    private Futures() {
    }

    /** The failure inside the CompletionExceptions that chained stages wrap it in. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
