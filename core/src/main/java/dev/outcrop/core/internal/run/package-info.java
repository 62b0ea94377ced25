/** Requests in progress: their limits from settings, counters, progress, cancellation, and the registry of running queries. */
package dev.outcrop.core.internal.run;
