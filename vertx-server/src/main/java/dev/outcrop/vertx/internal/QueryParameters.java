package dev.outcrop.vertx.internal;

import java.io.ByteArrayOutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The query string of a request, decoded strictly: a bad percent escape, bytes that are not UTF-8, a
 * control character, a repeated name or a name the service does not know are refused with 400 naming
 * the parameter. Vert.x's own decoder replaces bad bytes with U+FFFD, which would hand a changed value
 * to the engine, so the raw query string is decoded here.
 */
final class QueryParameters {

    /** The parameters of Firebolt's query protocol that this service reads. */
    static final Set<String> PROTOCOL = Set.of("output_format", "database", "query_id", "query_label", "query_parameters",
            "max_execution_time", "async", "engine", "account_id");

    /**
     * Session settings that clients send as parameters (Firebolt's SDKs turn {@code SET x = y} into
     * {@code ?x=y} on later requests); they are applied to the request's session as {@code SET} would.
     */
    static final Set<String> SETTINGS = Set.of("statement_timeout", "ai_max_concurrency", "ai_rows_ahead", "ai_admission_timeout",
            "ai_max_retries", "ai_max_failed_rows", "ai_max_failed_percent", "ai_deduplicate_requests", "time_zone",
            "advanced_mode", "enable_result_cache", "compress",
            // The Node.js SDK's connection test sends this one.
            "auto_start_stop_control");

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    static QueryParameters parse(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals), "a query parameter's name");
                StrictText.noControlCharacters(name, "the query parameter name '" + printable(name) + "'");
                String key = name.toLowerCase(Locale.ROOT);
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1), "the query parameter " + key);
                StrictText.noControlCharacters(value, "the query parameter " + key);
                if (!PROTOCOL.contains(key) && !SETTINGS.contains(key)) {
                    throw RequestRefused.badRequest("the query parameter '" + key + "' is not known: use output_format, database, query_id, "
                            + "query_label, query_parameters, max_execution_time, async, engine, or a session setting such as statement_timeout");
                }
                if (values.putIfAbsent(key, value) != null) {
                    throw RequestRefused.badRequest("the query parameter " + key + " is given twice: send it once");
                }
            }
        }
        return new QueryParameters(Collections.unmodifiableMap(values));
    }

    /** The value of a parameter, or null; blank values count as absent. */
    String get(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** The session settings given as parameters, in the order sent. */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (SETTINGS.contains(name) || name.equals("max_execution_time")) {
                settings.put(name, value);
            }
        });
        return settings;
    }

    private static String decode(String text, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            }
            else if (c == '%') {
                if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0 || Character.digit(text.charAt(i + 2), 16) < 0) {
                    throw RequestRefused.badRequest(what + " has a bad percent escape at position " + i + ": escape '%' as %25");
                }
                bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 2;
            }
            else if (c > 0x7F) {
                // Not legal in a request line; Netty hands such bytes over as ISO-8859-1 characters.
                bytes.write(c & 0xFF);
            }
            else {
                bytes.write(c);
            }
        }
        return StrictText.utf8(bytes.toByteArray(), what);
    }

    private static String printable(String name) {
        return name.replaceAll("\\p{Cntrl}", "?");
    }
}
