package dev.outcrop.bedrock.emulator.internal.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Checks an AWS Signature Version 4 {@code Authorization} header the way AWS front doors do, and returns the
 * credential that signed it. Derived signing keys are cached per (key, day, region, service): deriving one costs
 * four HMACs, checking a request afterwards costs two hashes and one HMAC, which keeps verification off the
 * emulator's critical path under load.
 */
public final class SignatureVerifier {
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final int KEY_CACHE_LIMIT = 10_000;

    private final Function<String, SigningCredential> credentials;
    private final Clock clock;
    private final ConcurrentHashMap<String, byte[]> signingKeys = new ConcurrentHashMap<>();

    public SignatureVerifier(Function<String, SigningCredential> credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** Checks the request's signature; throws {@link SignatureException} saying why when it does not hold. */
    public Verified verify(SignedRequest request, String expectedService) {
        AuthorizationHeader auth = AuthorizationHeader.parse(request.header("authorization"));
        if (auth == null) {
            throw new SignatureException(SignatureException.Kind.MISSING, "Missing Authentication Token");
        }
        if (!expectedService.equals(auth.service())) {
            throw new SignatureException(SignatureException.Kind.MISMATCH,
                    "Credential should be scoped to correct service: '" + expectedService + "'. ");
        }
        // Over HTTP/2 the JavaScript SDK signs the ":authority" pseudo-header instead of host; AWS takes either.
        if (!auth.signedHeaders().contains("host") && !auth.signedHeaders().contains(":authority")) {
            throw new SignatureException(SignatureException.Kind.MISMATCH,
                    "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        String amzDate = request.header("x-amz-date");
        Instant signedAt = parseAmzDate(amzDate);
        if (!amzDate.substring(0, 8).equals(auth.date())) {
            throw new SignatureException(SignatureException.Kind.MISMATCH,
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                            + auth.date() + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        Instant now = clock.instant();
        SigningCredential credential = credentials.apply(auth.accessKeyId());
        if (credential == null) {
            throw new SignatureException(SignatureException.Kind.UNKNOWN_KEY,
                    "The security token included in the request is invalid.");
        }
        if (credential.sessionToken() != null) {
            String token = request.header("x-amz-security-token");
            if (token == null || !constantTimeEquals(token, credential.sessionToken())) {
                throw new SignatureException(SignatureException.Kind.BAD_TOKEN,
                        "The security token included in the request is invalid.");
            }
            if (credential.expiration() != null && !now.isBefore(credential.expiration())) {
                throw new SignatureException(SignatureException.Kind.EXPIRED_TOKEN,
                        "The security token included in the request is expired");
            }
        }
        // After the key checks: an expired session token is the more useful answer than a skewed clock.
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            throw new SignatureException(SignatureException.Kind.SKEWED, "Signature expired: " + amzDate
                    + " is now earlier than " + AMZ_DATE.format(now.minus(MAX_SKEW).atOffset(ZoneOffset.UTC))
                    + " (" + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC)) + " - 15 min.)");
        }
        String payloadHash = payloadHash(request);
        // S3 alone signs the path as sent, encoded once and not normalized; every other service encodes it again.
        boolean s3 = "s3".equals(expectedService);
        String path = s3 ? CanonicalRequest.percentDecode(request.rawPath()) : request.rawPath();
        String canonical = CanonicalRequest.build(request.method(), path, request.rawQuery(), request,
                auth.signedHeaders(), payloadHash, !s3);
        String expected = sign(credential.secretAccessKey(), auth, amzDate, canonical);
        if (!constantTimeEquals(expected, auth.signature())) {
            throw new SignatureException(SignatureException.Kind.MISMATCH,
                    "The request signature we calculated does not match the signature you provided. "
                            + "Check your AWS Secret Access Key and signing method. "
                            + "Consult the service documentation for details.");
        }
        return new Verified(credential, auth);
    }

    /** Signature of a canonical request; public so the test-suite vectors can drive it directly. */
    public String sign(String secret, AuthorizationHeader auth, String amzDate, String canonicalRequest) {
        String stringToSign = AuthorizationHeader.ALGORITHM + "\n" + amzDate + "\n" + auth.scope() + "\n"
                + Hashing.sha256Hex(canonicalRequest);
        return Hashing.hex(Hashing.hmac(signingKey(secret, auth), stringToSign));
    }

    private byte[] signingKey(String secret, AuthorizationHeader auth) {
        String cacheKey = auth.accessKeyId() + '/' + auth.scope() + '/' + secret.hashCode();
        byte[] key = signingKeys.get(cacheKey);
        if (key == null) {
            if (signingKeys.size() > KEY_CACHE_LIMIT) {
                signingKeys.clear();
            }
            key = deriveSigningKey(secret, auth.date(), auth.region(), auth.service());
            signingKeys.put(cacheKey, key);
        }
        return key;
    }

    public static byte[] deriveSigningKey(String secret, String date, String region, String service) {
        byte[] kDate = Hashing.hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        byte[] kRegion = Hashing.hmac(kDate, region);
        byte[] kService = Hashing.hmac(kRegion, service);
        return Hashing.hmac(kService, "aws4_request");
    }

    private static String payloadHash(SignedRequest request) {
        String declared = request.header("x-amz-content-sha256");
        if (declared == null) {
            return Hashing.sha256Hex(request.body());
        }
        if (UNSIGNED_PAYLOAD.equals(declared)) {
            return declared;
        }
        if (declared.startsWith("STREAMING-")) {
            throw new SignatureException(SignatureException.Kind.MISMATCH,
                    "Chunked payload signing (" + declared + ") is not supported by this service.");
        }
        String actual = Hashing.sha256Hex(request.body());
        if (!actual.equalsIgnoreCase(declared)) {
            throw new SignatureException(SignatureException.Kind.MISMATCH,
                    "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        return declared;
    }

    /** Parses {@code yyyyMMdd'T'HHmmss'Z'} by hand: DateTimeFormatter costs more than the rest of the check. */
    static Instant parseAmzDate(String amzDate) {
        if (amzDate == null) {
            throw SignatureException.incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (amzDate.length() != 16 || amzDate.charAt(8) != 'T' || amzDate.charAt(15) != 'Z') {
            throw badDate(amzDate);
        }
        try {
            LocalDateTime at = LocalDateTime.of(digits(amzDate, 0, 4), digits(amzDate, 4, 6), digits(amzDate, 6, 8),
                    digits(amzDate, 9, 11), digits(amzDate, 11, 13), digits(amzDate, 13, 15));
            return at.toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw badDate(amzDate);
        }
    }

    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(s);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static SignatureException badDate(String amzDate) {
        return SignatureException.incomplete(
                "X-Amz-Date must be in ISO-8601 basic format (yyyyMMdd'T'HHmmss'Z'), not '" + amzDate + "'.");
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
