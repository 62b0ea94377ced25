package dev.outcrop.bedrock.emulator.internal.sigv4;

/** A request whose signature checked out: the key that signed it and the parsed Authorization header. */
public record Verified(SigningCredential credential, AuthorizationHeader authorization) {
}
