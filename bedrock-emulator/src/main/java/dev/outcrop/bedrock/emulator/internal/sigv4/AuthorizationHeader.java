package dev.outcrop.bedrock.emulator.internal.sigv4;

import java.util.List;

/**
 * The parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...} header.
 * The scope parts are kept apart because the verifier checks each against the request.
 */
public record AuthorizationHeader(String accessKeyId, String date, String region, String service,
                                  List<String> signedHeaders, String signature) {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /** Returns null when the header is absent; throws {@link SignatureException} when it is malformed. */
    public static AuthorizationHeader parse(String header) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        if (!value.startsWith(ALGORITHM + " ")) {
            throw SignatureException.incomplete("Authorization header requires the " + ALGORITHM + " algorithm.");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : value.substring(ALGORITHM.length() + 1).split(",")) {
            String item = part.trim();
            int eq = item.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = item.substring(0, eq);
            String v = item.substring(eq + 1);
            switch (name) {
                case "Credential" -> credential = v;
                case "SignedHeaders" -> signedHeaders = v;
                case "Signature" -> signature = v;
                default -> { /* AWS ignores unknown parameters */ }
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw SignatureException.incomplete("Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.");
        }
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || !"aws4_request".equals(scope[4]) || scope[0].isEmpty()) {
            throw SignatureException.incomplete("Credential should be scoped to a valid region, not '" + credential + "'.");
        }
        return new AuthorizationHeader(scope[0], scope[1], scope[2], scope[3],
                List.of(signedHeaders.split(";")), signature);
    }

    /** The access key id of a header for the call log, or null when absent or malformed (the verifier says why). */
    public static String accessKeyIdOf(String header) {
        try {
            AuthorizationHeader parsed = parse(header);
            return parsed == null ? null : parsed.accessKeyId();
        } catch (SignatureException e) {
            return null;
        }
    }

    public String scope() {
        return date + "/" + region + "/" + service + "/aws4_request";
    }
}
