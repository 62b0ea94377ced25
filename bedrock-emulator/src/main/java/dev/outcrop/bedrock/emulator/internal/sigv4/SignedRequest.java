package dev.outcrop.bedrock.emulator.internal.sigv4;

/** The parts of an HTTP request that SigV4 covers, independent of the HTTP library that received it. */
public interface SignedRequest extends CanonicalRequest.Headers {
    String method();

    /** The path exactly as it arrived (still percent-encoded). */
    String rawPath();

    /** The query string exactly as it arrived, or null. */
    String rawQuery();

    /** The first value of a header (case-insensitive), or null. */
    String header(String name);

    byte[] body();
}
