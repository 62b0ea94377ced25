package dev.outcrop.bedrock.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Sends arbitrary bodies, correctly signed by the SDK's own signer, so they get past authentication. */
final class SignedHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SignedHttp() {
    }

    static HttpResponse<String> post(URI endpoint, String path, byte[] body, String contentType, String service)
            throws Exception {
        return post(endpoint, path, body, contentType, service, true);
    }

    /**
     * With {@code signPayload} false the request is signed as the SDK signs over HTTPS, with
     * {@code x-amz-content-sha256: UNSIGNED-PAYLOAD} (the scheme is not part of the signature), then sent over HTTP.
     */
    static HttpResponse<String> post(URI endpoint, String path, byte[] body, String contentType, String service,
                                     boolean signPayload) throws Exception {
        URI target = URI.create(endpoint + path);
        URI signedAs = signPayload ? target : URI.create(target.toString().replaceFirst("^http:", "https:"));
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(signedAs)
                .putHeader("Content-Type", contentType)
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID,
                        EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY))
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.systemUTC())
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signPayload)).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> h : signed.headers().entrySet()) {
            if (!h.getKey().equalsIgnoreCase("host")) {
                h.getValue().forEach(v -> request.header(h.getKey(), v));
            }
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
