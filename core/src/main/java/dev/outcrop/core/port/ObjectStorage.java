package dev.outcrop.core.port;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Reads objects from Amazon S3 (or a store that speaks its API) with a location's credentials, for the
 * table-valued functions. Failures are {@code OutcropException}s: {@code SOURCE_NOT_FOUND} for a missing
 * bucket or key, {@code SOURCE_ACCESS_DENIED} when the credentials may not read it.
 */
public interface ObjectStorage {

    /** The keys under a prefix, in S3's order, with their sizes; every page of the listing. */
    CompletionStage<List<StoredObject>> list(ObjectRequest request);

    /**
     * Opens an object for reading. The stream blocks as it reads, so it is read on Outcrop's executor, and
     * read only as fast as the statement consumes rows; closing it early abandons the rest of the object.
     */
    CompletionStage<InputStream> open(ObjectRequest request);

    /**
     * @param bucket the bucket
     * @param key    the object's key, or, for {@link #list}, the prefix (may be empty)
     * @param region the region to call
     */
    record ObjectRequest(String bucket, String key, String region, AwsCredentials credentials) {
        public ObjectRequest {
            java.util.Objects.requireNonNull(bucket, "bucket is null");
            java.util.Objects.requireNonNull(key, "key is null");
            java.util.Objects.requireNonNull(region, "region is null");
            java.util.Objects.requireNonNull(credentials, "credentials is null");
        }

        @Override
        public String toString() {
            return "ObjectRequest[s3://" + bucket + "/" + key + ", region=" + region + "]";
        }
    }

    /** An object found by {@link #list}. */
    record StoredObject(String key, long size) {
    }
}
