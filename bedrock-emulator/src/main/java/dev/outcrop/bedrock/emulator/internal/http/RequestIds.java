package dev.outcrop.bedrock.emulator.internal.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Version-4-shaped UUIDs for x-amzn-RequestId; ThreadLocalRandom because SecureRandom contends under load. */
public final class RequestIds {
    private RequestIds() {
    }

    public static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
