package dev.outcrop.bedrock.emulator;

import dev.outcrop.bedrock.emulator.internal.s3.ObjectBuckets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The emulator's Amazon S3: buckets and objects held in memory, served to GetObject, HeadObject and ListObjectsV2
 * (SigV4 for the service {@code s3}, path-style or virtual-host addressing). Every identity and STS session the
 * emulator knows may read every bucket, unless {@link #deny} says otherwise.
 */
public final class EmulatorS3 {

    private final ObjectBuckets buckets;
    private final Clock clock;

    EmulatorS3(ObjectBuckets buckets, Clock clock) {
        this.buckets = buckets;
        this.clock = clock;
    }

    /** Creates an empty bucket (a no-op when it exists). */
    public EmulatorS3 createBucket(String bucket) {
        buckets.createBucket(checkBucket(bucket));
        return this;
    }

    /** Stores an object, creating its bucket if needed. */
    public EmulatorS3 putObject(String bucket, String key, byte[] bytes) {
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(bytes, "bytes is null");
        buckets.put(checkBucket(bucket), key, bytes, clock.instant());
        return this;
    }

    public EmulatorS3 putObject(String bucket, String key, String utf8Text) {
        return putObject(bucket, key, utf8Text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Loads a directory: each subdirectory is a bucket, and each file below it an object whose key is its path
     * inside the bucket's directory, with {@code /} between names.
     */
    public EmulatorS3 loadDirectory(Path directory) {
        try (Stream<Path> bucketDirs = Files.list(directory)) {
            for (Path bucketDir : bucketDirs.filter(Files::isDirectory).toList()) {
                String bucket = bucketDir.getFileName().toString();
                createBucket(bucket);
                try (Stream<Path> files = Files.walk(bucketDir)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        String key = bucketDir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                        putObject(bucket, key, Files.readAllBytes(file));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load S3 objects from " + directory + ": " + e.getMessage(), e);
        }
        return this;
    }

    /**
     * Denies a principal every read of a bucket, as an explicit Deny in its policy would: a role's ARN
     * ({@code arn:aws:iam::<account>:role/<name>}) denies all of its STS sessions; a user's ARN denies that user.
     */
    public EmulatorS3 deny(String principalArn, String bucket) {
        buckets.deny(Objects.requireNonNull(principalArn, "principalArn is null"), checkBucket(bucket));
        return this;
    }

    private static String checkBucket(String bucket) {
        Objects.requireNonNull(bucket, "bucket is null");
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("not a valid S3 bucket name: '" + bucket + "' (3-63 lowercase letters, digits, '.' and '-')");
        }
        return bucket;
    }
}
