package dev.outcrop.bedrock.emulator.internal.s3;

import dev.outcrop.bedrock.emulator.internal.http.Exchange;
import dev.outcrop.bedrock.emulator.internal.iam.CredentialRegistry;
import dev.outcrop.bedrock.emulator.internal.sigv4.AuthorizationHeader;
import dev.outcrop.bedrock.emulator.internal.sigv4.CanonicalRequest;
import dev.outcrop.bedrock.emulator.internal.sigv4.SignatureException;
import dev.outcrop.bedrock.emulator.internal.sigv4.SignatureVerifier;
import dev.outcrop.bedrock.emulator.internal.sigv4.Verified;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers S3 requests: GetObject (with a byte Range), HeadObject and ListObjectsV2 (prefix, delimiter, max-keys,
 * continuation token, start-after, URL encoding). The bucket comes from the path ({@code /bucket/key}) or from a
 * virtual host ({@code bucket.localhost:port}, {@code bucket.s3.<anything>}). Every request is SigV4-signed for the
 * service {@code s3}; a principal denied the bucket gets AccessDenied before the bucket's existence is told.
 */
public final class S3Service {

    private static final Pattern VIRTUAL_HOST = Pattern.compile("^(.+?)\\.(?:localhost|s3[.-].*)$");
    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final int MAX_KEYS = 1000;

    private final SignatureVerifier verifier;
    private final CredentialRegistry credentials;
    private final ObjectBuckets buckets;

    public S3Service(SignatureVerifier verifier, CredentialRegistry credentials, ObjectBuckets buckets) {
        this.verifier = verifier;
        this.credentials = credentials;
        this.buckets = buckets;
    }

    /** True when the request's Host names a bucket (virtual-host addressing), so it is S3's whatever its path. */
    public static boolean isVirtualHost(String host) {
        return host != null && VIRTUAL_HOST.matcher(stripPort(host)).matches();
    }

    public void handle(Exchange ex) {
        ex.service("s3");
        try {
            dispatch(ex);
        } catch (S3Error e) {
            sendError(ex, e);
        } catch (SignatureException e) {
            sendError(ex, signatureError(e));
        } catch (RuntimeException e) {
            sendError(ex, new S3Error(500, "InternalError", "We encountered an internal error. Please try again.", null));
        }
    }

    private void dispatch(Exchange ex) {
        String bucket;
        String key;
        String host = ex.header("host");
        Matcher virtual = host == null ? null : VIRTUAL_HOST.matcher(stripPort(host));
        String path = CanonicalRequest.percentDecode(ex.rawPath());
        if (virtual != null && virtual.matches()) {
            bucket = virtual.group(1);
            key = path.length() > 1 ? path.substring(1) : "";
        } else {
            String rest = path.startsWith("/") ? path.substring(1) : path;
            int slash = rest.indexOf('/');
            bucket = slash < 0 ? rest : rest.substring(0, slash);
            key = slash < 0 ? "" : rest.substring(slash + 1);
        }
        Map<String, String> query = query(ex.rawQuery());
        String operation;
        if (!key.isEmpty() && "GET".equals(ex.method())) {
            operation = "GetObject";
        } else if (!key.isEmpty() && "HEAD".equals(ex.method())) {
            operation = "HeadObject";
        } else if (key.isEmpty() && "GET".equals(ex.method()) && "2".equals(query.get("list-type"))) {
            operation = "ListObjectsV2";
        } else {
            ex.accessKeyId(AuthorizationHeader.accessKeyIdOf(ex.header("authorization")));
            throw new S3Error(501, "NotImplemented", "A header or query you provided implies functionality that is not implemented.", null);
        }
        ex.operation(operation);
        ex.parameter("bucket", bucket);
        if (!key.isEmpty()) {
            ex.parameter("key", key);
        }
        ex.accessKeyId(AuthorizationHeader.accessKeyIdOf(ex.header("authorization")));
        if (bucket.isEmpty()) {
            throw new S3Error(400, "InvalidBucketName", "The specified bucket is not valid.", null);
        }
        Verified verified = verifier.verify(ex, "s3");
        CredentialRegistry.Entry caller = credentials.find(verified.credential().accessKeyId());
        ex.principal(caller.principal().arn());
        if (buckets.denies(caller.principal().arn(), bucket)) {
            throw S3Error.accessDenied();
        }
        NavigableMap<String, ObjectBuckets.StoredObject> objects = buckets.bucket(bucket);
        if (objects == null) {
            throw S3Error.noSuchBucket(bucket);
        }
        switch (operation) {
            case "GetObject" -> getObject(ex, objects, key, false);
            case "HeadObject" -> getObject(ex, objects, key, true);
            default -> list(ex, bucket, objects, query);
        }
    }

    private void getObject(Exchange ex, NavigableMap<String, ObjectBuckets.StoredObject> objects, String key, boolean head) {
        ObjectBuckets.StoredObject object = objects.get(key);
        if (object == null) {
            if (head) {
                // HEAD has no body: S3 answers 404 with the code in no document at all.
                ex.errorType("NoSuchKey");
                ex.send(404, "application/xml", new byte[0], "x-amz-request-id", ex.requestId());
                return;
            }
            throw S3Error.noSuchKey(key);
        }
        byte[] bytes = object.bytes();
        int from = 0;
        int to = bytes.length - 1;
        int status = 200;
        String range = ex.header("range");
        List<String> headers = new ArrayList<>(List.of("ETag", object.etag(), "Last-Modified", HTTP_DATE.format(object.lastModified()),
                "Accept-Ranges", "bytes", "x-amz-request-id", ex.requestId()));
        if (range != null) {
            Matcher m = RANGE.matcher(range.trim());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                if (m.group(1).isEmpty()) {
                    from = Math.max(0, bytes.length - Integer.parseInt(m.group(2)));
                } else {
                    from = Integer.parseInt(m.group(1));
                    to = m.group(2).isEmpty() ? bytes.length - 1 : Math.min(bytes.length - 1, Integer.parseInt(m.group(2)));
                }
                if (from >= bytes.length || from > to) {
                    throw new S3Error(416, "InvalidRange", "The requested range is not satisfiable", null);
                }
                status = 206;
                headers.addAll(List.of("Content-Range", "bytes " + from + "-" + to + "/" + bytes.length));
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, from, to + 1);
        if (head) {
            headers.addAll(List.of("Content-Length", Integer.toString(body.length)));
            ex.send(status, "binary/octet-stream", new byte[0], headers.toArray(String[]::new));
            return;
        }
        ex.send(status, "binary/octet-stream", body, headers.toArray(String[]::new));
    }

    private void list(Exchange ex, String bucket, NavigableMap<String, ObjectBuckets.StoredObject> objects, Map<String, String> query) {
        String prefix = query.getOrDefault("prefix", "");
        String delimiter = query.get("delimiter");
        boolean urlEncoded = "url".equals(query.get("encoding-type"));
        int maxKeys = MAX_KEYS;
        if (query.containsKey("max-keys")) {
            try {
                maxKeys = Math.min(MAX_KEYS, Integer.parseInt(query.get("max-keys")));
            } catch (NumberFormatException e) {
                throw new S3Error(400, "InvalidArgument", "Provided max-keys not an integer or within integer range", null);
            }
        }
        String token = query.get("continuation-token");
        String after = query.get("start-after");
        if (token != null) {
            try {
                after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new S3Error(400, "InvalidArgument", "The continuation token provided is incorrect", null);
            }
        }
        NavigableMap<String, ObjectBuckets.StoredObject> candidates = after == null ? objects.tailMap(prefix, true) : objects.tailMap(after, false);
        List<Map.Entry<String, ObjectBuckets.StoredObject>> contents = new ArrayList<>();
        TreeSet<String> commonPrefixes = new TreeSet<>();
        String last = null;
        boolean truncated = false;
        for (Map.Entry<String, ObjectBuckets.StoredObject> entry : candidates.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(prefix)) {
                if (key.compareTo(prefix) > 0) {
                    break;
                }
                continue;
            }
            String common = null;
            if (delimiter != null && !delimiter.isEmpty()) {
                int at = key.indexOf(delimiter, prefix.length());
                if (at >= 0) {
                    common = key.substring(0, at + delimiter.length());
                }
            }
            if (common != null && commonPrefixes.contains(common)) {
                last = key;
                continue;
            }
            if (contents.size() + commonPrefixes.size() >= maxKeys) {
                truncated = true;
                break;
            }
            if (common != null) {
                commonPrefixes.add(common);
            } else {
                contents.add(entry);
            }
            last = key;
        }
        S3Xml xml = new S3Xml().openRoot("ListBucketResult");
        xml.element("Name", bucket).element("Prefix", encode(prefix, urlEncoded));
        if (delimiter != null) {
            xml.element("Delimiter", encode(delimiter, urlEncoded));
        }
        xml.element("MaxKeys", Integer.toString(maxKeys));
        if (urlEncoded) {
            xml.element("EncodingType", "url");
        }
        xml.element("KeyCount", Integer.toString(contents.size() + commonPrefixes.size()));
        xml.element("IsTruncated", Boolean.toString(truncated));
        if (token != null) {
            xml.element("ContinuationToken", token);
        }
        if (truncated && last != null) {
            // Past the last key (or the last common prefix's keys) that this page covered.
            String resumeAfter = last;
            xml.element("NextContinuationToken", Base64.getUrlEncoder().withoutPadding().encodeToString(resumeAfter.getBytes(StandardCharsets.UTF_8)));
        }
        if (query.containsKey("start-after")) {
            xml.element("StartAfter", encode(query.get("start-after"), urlEncoded));
        }
        for (Map.Entry<String, ObjectBuckets.StoredObject> entry : contents) {
            xml.open("Contents").element("Key", encode(entry.getKey(), urlEncoded))
                    .element("LastModified", S3Xml.timestamp(entry.getValue().lastModified()))
                    .element("ETag", entry.getValue().etag())
                    .element("Size", Integer.toString(entry.getValue().bytes().length))
                    .element("StorageClass", "STANDARD").close("Contents");
        }
        for (String common : commonPrefixes) {
            xml.open("CommonPrefixes").element("Prefix", encode(common, urlEncoded)).close("CommonPrefixes");
        }
        xml.close("ListBucketResult");
        ex.send(200, "application/xml", xml.bytes(), "x-amz-request-id", ex.requestId());
    }

    private static String encode(String value, boolean urlEncoded) {
        return urlEncoded ? CanonicalRequest.uriEncode(value, false) : value;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = CanonicalRequest.percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : CanonicalRequest.percentDecode(pair.substring(eq + 1).replace("+", "%20"));
            query.put(name, value);
        }
        return query;
    }

    private static S3Error signatureError(SignatureException e) {
        return switch (e.kind()) {
            case MISSING -> S3Error.accessDenied();
            case INCOMPLETE -> new S3Error(400, "AuthorizationHeaderMalformed", e.getMessage(), null);
            case UNKNOWN_KEY -> new S3Error(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", null);
            case BAD_TOKEN -> new S3Error(400, "InvalidToken", "The provided token is malformed or otherwise invalid.", null);
            case EXPIRED_TOKEN -> new S3Error(400, "ExpiredToken", "The provided token has expired.", null);
            case SKEWED -> new S3Error(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.", null);
            case MISMATCH -> new S3Error(403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided. Check your key and signing method.", null);
        };
    }

    private static void sendError(Exchange ex, S3Error error) {
        ex.errorType(error.code);
        if ("HEAD".equals(ex.method())) {
            ex.send(error.status, "application/xml", new byte[0], "x-amz-request-id", ex.requestId());
            return;
        }
        ex.send(error.status, "application/xml", S3Xml.error(error, ex.requestId()), "x-amz-request-id", ex.requestId());
    }

    private static String stripPort(String host) {
        int colon = host.lastIndexOf(':');
        return colon > 0 && host.indexOf(']') < colon ? host.substring(0, colon) : host;
    }
}
