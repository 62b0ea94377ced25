package dev.outcrop.core.internal.source;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import java.util.regex.Pattern;

/**
 * An {@code s3://bucket/path} URL, and the glob in it: {@code *} and {@code ?} match within one path segment,
 * {@code **} across segments. Everything before the first glob character is the prefix to list.
 */
record ObjectPaths(String bucket, String path) {

    static ObjectPaths parse(String url) {
        if (!url.regionMatches(true, 0, "s3://", 0, 5)) {
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "'" + url + "' is not an s3:// URL");
        }
        String rest = url.substring(5);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "'" + url + "' names no bucket: write s3://bucket/key");
        }
        return new ObjectPaths(bucket, slash < 0 ? "" : rest.substring(slash + 1));
    }

    /** The same bucket, with a pattern appended to the path (Firebolt's PATTERN, relative to the location's URL). */
    ObjectPaths withPattern(String pattern) {
        if (pattern == null) {
            return this;
        }
        String base = path.isEmpty() || path.endsWith("/") ? path : path + "/";
        return new ObjectPaths(bucket, base + (pattern.startsWith("/") ? pattern.substring(1) : pattern));
    }

    boolean hasGlob() {
        return prefix().length() < path.length();
    }

    /** One object, named exactly (no glob, and not a "directory" ending in /). */
    boolean isSingleObject() {
        return !hasGlob() && !path.isEmpty() && !path.endsWith("/");
    }

    String prefix() {
        int at = 0;
        while (at < path.length() && "*?[{".indexOf(path.charAt(at)) < 0) {
            at++;
        }
        return path.substring(0, at);
    }

    boolean matches(String key) {
        if (!hasGlob()) {
            return key.startsWith(path);
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '*' && i + 1 < path.length() && path.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            }
            else if (c == '*') {
                regex.append("[^/]*");
            }
            else if (c == '?') {
                regex.append("[^/]");
            }
            else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return key.matches(regex.toString());
    }

    String url(String key) {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + path;
    }
}
