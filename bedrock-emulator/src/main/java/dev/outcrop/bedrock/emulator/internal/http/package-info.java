/** The HTTP front: routing, body limits, the exchange and its call record, connection counts, the admin API. Not API. */
package dev.outcrop.bedrock.emulator.internal.http;
