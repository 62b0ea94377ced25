package dev.outcrop.core.internal.source;

import dev.outcrop.core.internal.plan.Scope;

/** A relation ready to read: the columns expressions may name, and its rows. */
public record Source(Scope scope, InputRows rows) {
}
