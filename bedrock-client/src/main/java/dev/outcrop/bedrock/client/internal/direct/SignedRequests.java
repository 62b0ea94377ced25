package dev.outcrop.bedrock.client.internal.direct;

import dev.outcrop.core.port.AwsCredentials;
import java.net.URI;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Bedrock Runtime's POST requests, built and SigV4-signed as the SDK does: the endpoint override or
 * {@code https://bedrock-runtime.<region>.amazonaws.com}, the model id as one percent-encoded path segment, JSON in and
 * out, signed for the service {@code bedrock} in the call's region with the SDK's own signer (payload hash, session
 * token). Each attempt is signed again, as the SDK does, so that a retry carries a fresh date.
 */
final class SignedRequests {

    private static final String SIGNING_NAME = "bedrock";

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final URI endpoint;

    /** @param endpoint the endpoint override, or null for AWS's endpoint of each region */
    SignedRequests(URI endpoint) {
        this.endpoint = endpoint;
    }

    static String invokePath(String modelId) {
        return "/model/" + SdkHttpUtils.urlEncode(modelId) + "/invoke";
    }

    static String conversePath(String modelId) {
        return "/model/" + SdkHttpUtils.urlEncode(modelId) + "/converse";
    }

    SdkHttpFullRequest unsigned(String region, String path, byte[] body) {
        URI base = endpoint != null ? endpoint : URI.create("https://bedrock-runtime." + region + ".amazonaws.com");
        String basePath = base.getRawPath();
        String prefix = basePath == null || basePath.isEmpty() || basePath.equals("/") ? ""
                : basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        return SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .protocol(base.getScheme())
                .host(base.getHost())
                .port(base.getPort())
                .encodedPath(prefix + path)
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json")
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
    }

    SdkHttpFullRequest sign(SdkHttpFullRequest unsigned, byte[] body, AwsCredentialsIdentity identity, String region) {
        return (SdkHttpFullRequest) signer.sign(r -> r
                .identity(identity)
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request();
    }

    static AwsCredentialsIdentity identity(AwsCredentials credentials) {
        return credentials.sessionToken() != null
                ? AwsSessionCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())
                : AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey());
    }
}
