/**
 * Outcrop's SQL front end: {@link dev.outcrop.sql.SqlParser} reads Firebolt's LOCATION and AI
 * dialect into core's statement model, and {@link dev.outcrop.sql.SqlFormatter} writes the model
 * back. Everything under {@code dev.outcrop.sql.internal} may change without notice.
 */
package dev.outcrop.sql;
