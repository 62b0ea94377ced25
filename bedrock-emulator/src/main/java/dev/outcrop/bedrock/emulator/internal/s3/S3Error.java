package dev.outcrop.bedrock.emulator.internal.s3;

/** An S3 error: the HTTP status, S3's code, and its message, sent as S3's XML {@code <Error>} document. */
final class S3Error extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String code;
    final String resource;

    S3Error(int status, String code, String message, String resource) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.resource = resource;
    }

    static S3Error noSuchKey(String key) {
        return new S3Error(404, "NoSuchKey", "The specified key does not exist.", key);
    }

    static S3Error noSuchBucket(String bucket) {
        return new S3Error(404, "NoSuchBucket", "The specified bucket does not exist", bucket);
    }

    static S3Error accessDenied() {
        return new S3Error(403, "AccessDenied", "Access Denied", null);
    }
}
