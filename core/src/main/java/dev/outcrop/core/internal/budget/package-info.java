/** The per-account daily token budget, leased from the catalog in blocks and handed to calls in memory. */
package dev.outcrop.core.internal.budget;
