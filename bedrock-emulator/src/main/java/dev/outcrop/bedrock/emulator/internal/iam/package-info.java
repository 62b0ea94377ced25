/** Principals, their model permissions and the registry of long-term and issued keys. Not API. */
package dev.outcrop.bedrock.emulator.internal.iam;
