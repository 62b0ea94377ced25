/**
 * Fault injection: the table of rules by model pattern that the Java and admin APIs edit, and the seeded policy that
 * turns it into one decision per call. Below the services and the HTTP front, above {@code wire} only. Not API.
 */
package dev.outcrop.bedrock.emulator.internal.fault;
