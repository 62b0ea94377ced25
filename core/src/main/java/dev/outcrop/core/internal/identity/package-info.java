/**
 * Service accounts: their statements, the slow hashing of their secrets, and checking a client id and
 * secret, or a token's key id, against the catalog.
 */
package dev.outcrop.core.internal.identity;
