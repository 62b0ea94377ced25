/**
 * The HTTP front: routing, body limits, the exchange and its call record, connection counts, the admin API. It knows
 * no service: {@code BedrockEmulator} hands the router the services' entry points, so {@code bedrock} and {@code sts}
 * can build on {@link dev.outcrop.bedrock.emulator.internal.http.Exchange} without a cycle. Uses {@code fault},
 * {@code sigv4} and {@code wire}. Not API.
 */
package dev.outcrop.bedrock.emulator.internal.http;
