/**
 * Model families' native request and response formats, the Converse format, the deterministic responder and
 * embedder. Uses {@code wire} only. Not API.
 */
package dev.outcrop.bedrock.emulator.internal.model;
