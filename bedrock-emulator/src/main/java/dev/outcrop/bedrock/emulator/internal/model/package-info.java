/** Model families' native request and response formats, the Converse format, the deterministic responder and embedder. Not API. */
package dev.outcrop.bedrock.emulator.internal.model;
