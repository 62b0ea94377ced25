package dev.outcrop.bedrock.emulator.internal.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Builds the SigV4 canonical request from what arrived on the wire.
 *
 * <p>The path is URI-encoded once more here. The SDK encodes the path once to put it on the wire and signs it
 * encoded twice (non-S3 services), so encoding the wire path again gives what the client signed — e.g. a model id's
 * {@code %3A} becomes {@code %253A}. Fed an un-encoded path (as the public test suite's request files are), the same
 * step yields the suite's once-encoded canonical path.
 */
public final class CanonicalRequest {
    private CanonicalRequest() {
    }

    /** Header values by lower-case name, in arrival order. */
    public interface Headers {
        List<String> all(String lowerCaseName);
    }

    public static String build(String method, String path, String rawQuery, Headers headers,
                               List<String> signedHeaders, String payloadHash, boolean normalizePath) {
        StringBuilder sb = new StringBuilder(512);
        sb.append(method).append('\n');
        sb.append(canonicalPath(path, normalizePath)).append('\n');
        sb.append(canonicalQuery(rawQuery)).append('\n');
        for (String name : signedHeaders) {
            sb.append(name).append(':').append(canonicalHeaderValue(headers.all(name))).append('\n');
        }
        sb.append('\n');
        sb.append(String.join(";", signedHeaders)).append('\n');
        sb.append(payloadHash);
        return sb.toString();
    }

    static String canonicalPath(String path, boolean normalize) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        String p = normalize ? removeDotSegments(path) : path;
        return uriEncode(p, false);
    }

    /** RFC 3986 dot-segment removal with redundant slashes dropped, keeping a trailing slash. */
    static String removeDotSegments(String path) {
        Deque<String> out = new ArrayDeque<>();
        String[] segments = path.split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                out.pollLast();
            } else {
                out.addLast(segment);
            }
        }
        String last = segments[segments.length - 1];
        boolean trailingSlash = last.isEmpty() || last.equals(".") || last.equals("..");
        StringBuilder sb = new StringBuilder(path.length());
        for (String segment : out) {
            sb.append('/').append(segment);
        }
        if (trailingSlash || sb.length() == 0) {
            sb.append('/');
        }
        return sb.toString();
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<Map.Entry<String, String>> params = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            if (name.isEmpty()) {
                continue;
            }
            params.add(Map.entry(uriEncode(percentDecode(name), true), uriEncode(percentDecode(value), true)));
        }
        params.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : params) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    static String canonicalHeaderValue(List<String> values) {
        if (values == null || values.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendTrimmedCollapsed(sb, values.get(i));
        }
        return sb.toString();
    }

    private static void appendTrimmedCollapsed(StringBuilder sb, String value) {
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pendingSpace = started;
            } else {
                if (pendingSpace) {
                    sb.append(' ');
                    pendingSpace = false;
                }
                sb.append(c);
                started = true;
            }
        }
    }

    /** Percent-encodes every byte except RFC 3986 unreserved characters (and '/' unless {@code encodeSlash}). */
    public static String uriEncode(String value, boolean encodeSlash) {
        StringBuilder sb = null;
        byte[] bytes = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isUnreserved(c) && !(c == '/' && !encodeSlash)) {
                bytes = value.getBytes(StandardCharsets.UTF_8);
                break;
            }
        }
        if (bytes == null) {
            return value;
        }
        sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            char c = (char) (b & 0xFF);
            if (b >= 0 && (isUnreserved(c) || (c == '/' && !encodeSlash))) {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return sb.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    /** Decodes %XX escapes leniently: a malformed escape is kept as literal text rather than failing the request. */
    public static String percentDecode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()
                    && Character.digit(value.charAt(i + 1), 16) >= 0 && Character.digit(value.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(value.charAt(i + 1), 16) * 16 + Character.digit(value.charAt(i + 2), 16));
                i += 3;
            } else {
                int next = value.indexOf('%', i + 1);
                int runEnd = next < 0 ? value.length() : next;
                byte[] bytes = value.substring(i, runEnd).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i = runEnd;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
