/** The engine: parses scripts, starts requests under query ids, runs statements in order and hands out results. */
package dev.outcrop.core.internal.engine;
