package dev.outcrop.bedrock.s3;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.ObjectStorage;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * Reads S3 with each request's own credentials (a location's, resolved by core's credential chain), on one
 * Netty connection pool shared by an async client per region. Objects stream: {@link #open} completes when
 * the response starts, and the returned stream pulls the body as it is read, so an object of any size is
 * held a buffer at a time. S3's errors become core's codes: a missing bucket or key {@code SOURCE_NOT_FOUND},
 * a refusal {@code SOURCE_ACCESS_DENIED}, anything else {@code SOURCE_UNAVAILABLE}; messages name the
 * object and never a credential.
 */
public final class S3ObjectStorage implements ObjectStorage, AutoCloseable {

    private final URI endpoint;
    private final SdkAsyncHttpClient http;
    private final Map<String, S3AsyncClient> clients = new ConcurrentHashMap<>();

    private S3ObjectStorage(URI endpoint) {
        this.endpoint = endpoint;
        this.http = NettyNioAsyncHttpClient.builder().build();
    }

    /** S3 itself, at its regional endpoints. */
    public static S3ObjectStorage create() {
        return new S3ObjectStorage(null);
    }

    /**
     * An S3-compatible endpoint, such as the bedrock-emulator's ({@code http://127.0.0.1:8787}), addressed
     * path-style ({@code /bucket/key}), which works for any host name.
     */
    public static S3ObjectStorage create(URI endpoint) {
        return new S3ObjectStorage(java.util.Objects.requireNonNull(endpoint, "endpoint is null"));
    }

    @Override
    public CompletionStage<List<StoredObject>> list(ObjectRequest request) {
        ListObjectsV2Request list = ListObjectsV2Request.builder().bucket(request.bucket()).prefix(request.key())
                .overrideConfiguration(signedBy(request.credentials())).build();
        List<StoredObject> found = new ArrayList<>();
        return client(request.region()).listObjectsV2Paginator(list).contents()
                .subscribe(object -> found.add(new StoredObject(object.key(), object.size())))
                .handle((ignored, failure) -> {
                    if (failure != null) {
                        throw translate(failure, "list s3://" + request.bucket() + "/" + request.key() + "*");
                    }
                    return List.copyOf(found);
                });
    }

    @Override
    public CompletionStage<InputStream> open(ObjectRequest request) {
        GetObjectRequest get = GetObjectRequest.builder().bucket(request.bucket()).key(request.key())
                .overrideConfiguration(signedBy(request.credentials())).build();
        CompletableFuture<InputStream> opened = client(request.region()).getObject(get, AsyncResponseTransformer.toBlockingInputStream())
                .thenApply(stream -> (InputStream) stream);
        return opened.handle((stream, failure) -> {
            if (failure != null) {
                throw translate(failure, "read s3://" + request.bucket() + "/" + request.key());
            }
            return stream;
        });
    }

    private S3AsyncClient client(String region) {
        return clients.computeIfAbsent(region, r -> {
            var builder = S3AsyncClient.builder()
                    .region(Region.of(r))
                    .httpClient(http)
                    // Every request carries its location's credentials; the client itself has none.
                    .credentialsProvider(AnonymousCredentialsProvider.create());
            if (endpoint != null) {
                builder.endpointOverride(endpoint).forcePathStyle(true);
            }
            return builder.build();
        });
    }

    private static AwsRequestOverrideConfiguration signedBy(AwsCredentials credentials) {
        AwsCredentialsProvider provider = StaticCredentialsProvider.create(credentials.sessionToken() == null
                ? AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())
                : AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
        return AwsRequestOverrideConfiguration.builder().credentialsProvider(provider).build();
    }

    private static CompletionException translate(Throwable failure, String what) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof OutcropException outcrop) {
            return new CompletionException(outcrop);
        }
        if (cause instanceof AwsServiceException aws) {
            String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
            int status = aws.statusCode();
            if (status == 404 || "NoSuchKey".equals(code) || "NoSuchBucket".equals(code)) {
                String missing = "NoSuchBucket".equals(code) ? "its bucket does not exist" : "it does not exist";
                return new CompletionException(new OutcropException(OutcropErrorCode.SOURCE_NOT_FOUND,
                        "cannot " + what + ": " + missing + " (S3 said " + (code == null ? status : code) + "); check the location's URL and the PATTERN"));
            }
            if (status == 403) {
                return new CompletionException(new OutcropException(OutcropErrorCode.SOURCE_ACCESS_DENIED,
                        "cannot " + what + ": S3 refused the location's identity (" + (code == null ? "403" : code) + "). Allow its role "
                                + "s3:GetObject and s3:ListBucket on the bucket, or use a location whose role may read it"));
            }
            return new CompletionException(new OutcropException(OutcropErrorCode.SOURCE_UNAVAILABLE,
                    "cannot " + what + ": S3 answered " + status + " " + code));
        }
        return new CompletionException(new OutcropException(OutcropErrorCode.SOURCE_UNAVAILABLE,
                "cannot " + what + ": " + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause));
    }

    @Override
    public void close() {
        clients.values().forEach(S3AsyncClient::close);
        http.close();
    }
}
