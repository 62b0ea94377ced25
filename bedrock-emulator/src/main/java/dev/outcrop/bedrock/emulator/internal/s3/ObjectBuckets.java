package dev.outcrop.bedrock.emulator.internal.s3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The emulator's buckets and objects, in memory, keys in S3's order (UTF-8 byte order, which for the keys tests use
 * is String order), and the buckets each principal is denied, as an explicit Deny in a role's policy would.
 */
public final class ObjectBuckets {

    /** One object: its bytes, when it was written, and its ETag (the MD5 of its bytes, quoted, as S3's single-part ETag). */
    public record StoredObject(byte[] bytes, Instant lastModified, String etag) {
    }

    private final Map<String, ConcurrentSkipListMap<String, StoredObject>> buckets = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> deniedPrincipals = new ConcurrentHashMap<>();

    public void createBucket(String bucket) {
        buckets.computeIfAbsent(bucket, b -> new ConcurrentSkipListMap<>());
    }

    public void put(String bucket, String key, byte[] bytes, Instant at) {
        createBucket(bucket);
        buckets.get(bucket).put(key, new StoredObject(bytes.clone(), at, "\"" + md5(bytes) + "\""));
    }

    /** The bucket's objects by key, or null when there is no such bucket. */
    public NavigableMap<String, StoredObject> bucket(String bucket) {
        return buckets.get(bucket);
    }

    /**
     * Denies a principal every read of a bucket. A role ARN ({@code arn:aws:iam::<account>:role/<name>}) denies its
     * sessions ({@code arn:aws:sts::<account>:assumed-role/<name>/...}); any other ARN is matched exactly.
     */
    public void deny(String principalArn, String bucket) {
        deniedPrincipals.computeIfAbsent(bucket, b -> ConcurrentHashMap.newKeySet()).add(principalArn);
    }

    public boolean denies(String callerArn, String bucket) {
        Set<String> denied = deniedPrincipals.get(bucket);
        if (denied == null) {
            return false;
        }
        for (String arn : denied) {
            if (arn.equals(callerArn)) {
                return true;
            }
            int role = arn.indexOf(":role/");
            if (role > 0) {
                String account = arn.split(":")[4];
                String name = arn.substring(arn.lastIndexOf('/') + 1);
                if (callerArn.startsWith("arn:aws:sts::" + account + ":assumed-role/" + name + "/")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
