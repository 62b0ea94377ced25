package dev.outcrop.bedrock.emulator.internal.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The verifier against the public AWS SigV4 test suite and the Bedrock/STS wire vectors (see sigv4/SOURCES.md). */
class SigV4TestSuiteTest {
    private static final String KEY = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";

    static Stream<String> vectors() {
        return Stream.of("get-header-value-trim", "get-utf8", "get-vanilla-with-session-token", "get-slashes-normalized",
                "get-space-normalized", "get-vanilla-query-order-key-case", "get-vanilla-utf8-query", "get-unreserved",
                "get-relative-relative-normalized", "get-slash-dot-slash-normalized", "get-header-key-duplicate",
                "get-vanilla-empty-query-key", "post-vanilla", "post-header-key-sort", "post-x-www-form-urlencoded",
                "wire-bedrock-invoke", "wire-sts-assume-role");
    }

    private static SignatureVerifier verifierFor(String vector, RawRequest request) {
        String amzDate = request.header("x-amz-date");
        Instant at = java.time.LocalDateTime.parse(amzDate, java.time.format.DateTimeFormatter.ofPattern(
                "yyyyMMdd'T'HHmmss'Z'")).toInstant(ZoneOffset.UTC);
        String token = vector.contains("session-token") ? TOKEN : null;
        return new SignatureVerifier(id -> id.equals(KEY) ? new SigningCredential(KEY, SECRET, token, null) : null,
                Clock.fixed(at, ZoneOffset.UTC));
    }

    private static String service(RawRequest request) {
        return AuthorizationHeader.parse(request.header("authorization")).service();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void acceptsTheSuitesSignature(String vector) {
        RawRequest request = RawRequest.load(vector + ".txt");
        Verified verified = verifierFor(vector, request).verify(request, service(request));
        assertThat(verified.credential().accessKeyId()).isEqualTo(KEY);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void refusesTheSignatureChangedInAnyOneCharacter(String vector) {
        RawRequest request = RawRequest.load(vector + ".txt");
        String authorization = request.header("authorization");
        int start = authorization.indexOf("Signature=") + "Signature=".length();
        SignatureVerifier verifier = verifierFor(vector, request);
        for (int i = start; i < authorization.length(); i++) {
            char c = authorization.charAt(i);
            char changed = c == '0' ? '1' : '0';
            RawRequest tampered = request.withHeader("Authorization",
                    authorization.substring(0, i) + changed + authorization.substring(i + 1));
            assertThatThrownBy(() -> verifier.verify(tampered, service(request)))
                    .isInstanceOfSatisfying(SignatureException.class,
                            e -> assertThat(e.kind()).isEqualTo(SignatureException.Kind.MISMATCH));
        }
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void refusesASignedHeaderChangedAfterSigning(String vector) {
        RawRequest request = RawRequest.load(vector + ".txt");
        RawRequest tampered = request.withHeader("Host", "evil.example.com");
        assertThatThrownBy(() -> verifierFor(vector, request).verify(tampered, service(request)))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.kind()).isEqualTo(SignatureException.Kind.MISMATCH));
    }

    @Test
    void bedrockPathIsEncodedTwice() {
        assertThat(CanonicalRequest.canonicalPath("/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke", true))
                .isEqualTo("/model/anthropic.claude-3-haiku-20240307-v1%253A0/invoke");
    }

    @Test
    void sessionTokenIsRequiredForTemporaryKeys() {
        RawRequest request = RawRequest.load("get-vanilla-with-session-token.txt");
        RawRequest wrongToken = request.withHeader("X-Amz-Security-Token", "not-the-token");
        assertThatThrownBy(() -> verifierFor("session-token", request).verify(wrongToken, "service"))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.kind()).isEqualTo(SignatureException.Kind.BAD_TOKEN));
    }

    @Test
    void clockSkewBeyondFifteenMinutesIsRefused() {
        RawRequest request = RawRequest.load("post-vanilla.txt");
        SignatureVerifier late = new SignatureVerifier(id -> new SigningCredential(KEY, SECRET, null, null),
                Clock.fixed(Instant.parse("2015-08-30T12:51:01Z"), ZoneOffset.UTC));
        assertThatThrownBy(() -> late.verify(request, "service"))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.kind()).isEqualTo(SignatureException.Kind.SKEWED))
                .hasMessageContaining("Signature expired");
        SignatureVerifier withinSkew = new SignatureVerifier(id -> new SigningCredential(KEY, SECRET, null, null),
                Clock.fixed(Instant.parse("2015-08-30T12:50:59Z"), ZoneOffset.UTC));
        assertThat(withinSkew.verify(request, "service")).isNotNull();
    }

    @Test
    void wrongServiceScopeIsRefused() {
        RawRequest request = RawRequest.load("wire-bedrock-invoke.txt");
        assertThatThrownBy(() -> verifierFor("wire", request).verify(request, "sts"))
                .isInstanceOf(SignatureException.class).hasMessageContaining("'sts'");
    }

    @Test
    void bodyNotMatchingTheDeclaredHashIsRefused() {
        RawRequest request = RawRequest.load("wire-bedrock-invoke.txt");
        RawRequest other = new RawRequest(request.method(), request.path(), request.query(), request.headers(),
                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verifierFor("wire", request).verify(other, "bedrock"))
                .isInstanceOf(SignatureException.class).hasMessageContaining("x-amz-content-sha256");
    }
}
