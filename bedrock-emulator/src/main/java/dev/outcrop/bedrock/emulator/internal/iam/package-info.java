/**
 * Principals, their model permissions, the configured keys and roles, and the registry of long-term and issued keys.
 * Uses {@code sigv4} only. Not API.
 */
package dev.outcrop.bedrock.emulator.internal.iam;
