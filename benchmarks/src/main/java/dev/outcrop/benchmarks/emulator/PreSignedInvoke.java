package dev.outcrop.benchmarks.emulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A small InvokeModel request signed once, up front, by the AWS SDK's own SigV4 signer, so a load client spends no
 * time signing and the emulator sees exactly what the SDK would send. A signature stays acceptable for the emulator's
 * 15-minute clock-skew window, which bounds a run's length.
 *
 * @param path    the wire path
 * @param headers every header to send, signature included
 * @param body    the request body
 */
public record PreSignedInvoke(String path, Map<String, String> headers, byte[] body) {

    public static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    public static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public static final String MODEL_PATH = "/model/amazon.nova-micro-v1%3A0/invoke";
    public static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"ping\"}]}],"
            + "\"inferenceConfig\":{\"maxTokens\":16}}";

    public static PreSignedInvoke create(URI endpoint) {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create(endpoint + MODEL_PATH))
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json")
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY))
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.systemUTC()));
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : signed.request().headers().entrySet()) {
            headers.put(e.getKey(), String.join(",", e.getValue()));
        }
        return new PreSignedInvoke(MODEL_PATH, headers, body);
    }
}
