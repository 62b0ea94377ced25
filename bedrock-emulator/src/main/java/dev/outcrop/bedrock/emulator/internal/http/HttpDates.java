package dev.outcrop.bedrock.emulator.internal.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The RFC 1123 {@code Date} header, formatted at most once per second because every response carries it. */
final class HttpDates {
    private static volatile Cached cached = new Cached(-1, "");

    private record Cached(long epochSecond, String text) {
    }

    private HttpDates() {
    }

    static String now(Instant now) {
        Cached c = cached;
        long second = now.getEpochSecond();
        if (c.epochSecond != second) {
            c = new Cached(second, DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC)));
            cached = c;
        }
        return c.text;
    }
}
