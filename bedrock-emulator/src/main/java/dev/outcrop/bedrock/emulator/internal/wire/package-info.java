/**
 * What every answer shares on the wire: Bedrock's error types (status, {@code x-amzn-ErrorType}), the exception that
 * carries one out of any layer, and the JSON mapper. The bottom layer with {@code sigv4}: it depends on no other
 * emulator package, so the model formats, the services and the HTTP front can all use it. Not API.
 */
package dev.outcrop.bedrock.emulator.internal.wire;
