package dev.outcrop.bedrock.emulator.internal.sts;

import dev.outcrop.bedrock.emulator.internal.sigv4.CanonicalRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Decodes awsQuery parameters from an {@code application/x-www-form-urlencoded} body or a query string. */
final class FormParameters {
    private FormParameters() {
    }

    static Map<String, String> parse(byte[] body, String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            addAll(params, query);
        }
        if (body.length > 0) {
            addAll(params, new String(body, StandardCharsets.UTF_8));
        }
        return params;
    }

    private static void addAll(Map<String, String> params, String encoded) {
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
    }

    private static String decode(String s) {
        return CanonicalRequest.percentDecode(s.replace('+', ' '));
    }
}
