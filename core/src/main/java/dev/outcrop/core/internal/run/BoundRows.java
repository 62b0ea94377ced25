package dev.outcrop.core.internal.run;

/**
 * Rows an application bound to a session by name ({@code Session.bind}). The session only keeps them; the
 * source package, which implements this, reads them, so that runs need not know how rows are read.
 */
public interface BoundRows {
}
