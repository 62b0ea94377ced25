/**
 * Bedrock Runtime over restJson1: operations, error answers, event-stream frames and stream faults. Uses {@code http},
 * {@code iam}, {@code model}, {@code fault}, {@code sigv4} and {@code wire}; nothing below uses it. Not API.
 */
package dev.outcrop.bedrock.emulator.internal.bedrock;
