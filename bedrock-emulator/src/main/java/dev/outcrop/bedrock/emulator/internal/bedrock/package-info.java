/** Bedrock Runtime over restJson1: operations, errors, event-stream frames and stream faults. Not API. */
package dev.outcrop.bedrock.emulator.internal.bedrock;
