/** AWS Signature Version 4 verification. Not API. */
package dev.outcrop.bedrock.emulator.internal.sigv4;
