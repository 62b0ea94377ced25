/** AWS Signature Version 4 verification. The bottom layer with {@code wire}: it uses no other emulator package. Not API. */
package dev.outcrop.bedrock.emulator.internal.sigv4;
