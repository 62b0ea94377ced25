package dev.outcrop.benchmarks.emulator;

import dev.outcrop.bedrock.emulator.internal.sigv4.SignatureVerifier;
import dev.outcrop.bedrock.emulator.internal.sigv4.SignedRequest;
import dev.outcrop.bedrock.emulator.internal.sigv4.SigningCredential;
import dev.outcrop.bedrock.emulator.internal.sigv4.Verified;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What SigV4 verification costs the emulator per request, with the signing-key cache (every request after the first
 * of a key and day) against deriving the key each time (four more HMACs). Report the two as a ratio.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar SignatureVerificationBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignatureVerificationBenchmark {
    private SignatureVerifier verifier;
    private Request request;
    private String secret;

    /** A pre-signed InvokeModel as the verifier sees it. */
    record Request(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body)
            implements SignedRequest {
        @Override
        public String header(String name) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }

        @Override
        public List<String> all(String lowerCaseName) {
            List<String> out = new ArrayList<>(1);
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey().toLowerCase(Locale.ROOT).equals(lowerCaseName)) {
                    out.add(h.getValue());
                }
            }
            return out;
        }
    }

    @Setup
    public void setUp() {
        PreSignedInvoke signed = PreSignedInvoke.create(URI.create("http://127.0.0.1:8787"));
        secret = PreSignedInvoke.SECRET_ACCESS_KEY;
        SigningCredential credential = new SigningCredential(PreSignedInvoke.ACCESS_KEY_ID, secret, null, null);
        verifier = new SignatureVerifier(id -> credential, Clock.systemUTC());
        request = new Request("POST", signed.path(), null, signed.headers(), signed.body());
        if (!new String(request.body(), StandardCharsets.UTF_8).contains("messages")) {
            throw new IllegalStateException("unexpected body");
        }
    }

    /** The emulator's path: derived key from the cache, two SHA-256 and one HMAC per request. */
    @Benchmark
    public Verified verifyWithCachedKey() {
        return verifier.verify(request, "bedrock");
    }

    /** What the cache saves: the four-HMAC key derivation alone. */
    @Benchmark
    public byte[] deriveSigningKey() {
        return SignatureVerifier.deriveSigningKey(secret, "20260101", "us-east-1", "bedrock");
    }
}
