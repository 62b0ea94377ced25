package dev.outcrop.core.internal.source;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one directory whose files {@code file://} URLs may name, as ClickHouse's {@code user_files_path}.
 * {@code file://reviews.csv} names {@code <directory>/reviews.csv}; an absolute path ({@code file:///srv/files/reviews.csv})
 * must lie inside the directory. {@code ..}, absolute paths elsewhere, and symbolic links that lead outside are refused.
 * With no directory configured, file access is off.
 */
public final class UserFiles {

    private final Path root;

    /** @param root the directory, or null to refuse every {@code file://} URL */
    public UserFiles(Path root) {
        this.root = root;
    }

    /** The real path of the file a {@code file://} URL names, after checking that it stays inside the directory. */
    public Path resolve(String url) {
        if (root == null) {
            throw new OutcropException(OutcropErrorCode.SOURCE_ACCESS_DENIED, "cannot read '" + url + "': reading local files is off. "
                    + "Set a directory for them (Outcrop.builder().userFilesDirectory(...), or outcrop.server.user-files-directory in the service) "
                    + "and name files relative to it");
        }
        String path = url.substring("file://".length());
        boolean absolute = path.startsWith("/");
        try {
            path = URI.create("file:///" + path.replace(" ", "%20").replaceFirst("^/+", "")).getPath();
        }
        catch (IllegalArgumentException e) {
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "'" + url + "' is not a valid file:// URL: " + e.getMessage());
        }
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                throw denied(url, "it uses '..'");
            }
        }
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        }
        catch (IOException e) {
            throw new OutcropException(OutcropErrorCode.SOURCE_ACCESS_DENIED, "cannot read '" + url + "': the user files directory "
                    + root + " does not exist");
        }
        Path candidate = absolute ? Path.of(path).normalize() : realRoot.resolve(path.replaceFirst("^/+", "")).normalize();
        if (!candidate.startsWith(realRoot) && !(absolute && candidate.startsWith(root.toAbsolutePath().normalize()))) {
            throw denied(url, "it is outside the directory");
        }
        Path real;
        try {
            real = candidate.toRealPath();
        }
        catch (NoSuchFileException e) {
            throw new OutcropException(OutcropErrorCode.SOURCE_NOT_FOUND, "file '" + url + "' does not exist in the user files directory: "
                    + "check the name (paths are relative to that directory)");
        }
        catch (IOException e) {
            // The exception's message is the server's absolute path: the caller named the file by its URL, and is told that.
            throw new OutcropException(OutcropErrorCode.SOURCE_NOT_FOUND, "cannot open '" + url + "': " + e.getClass().getSimpleName());
        }
        if (!real.startsWith(realRoot)) {
            throw denied(url, "a symbolic link in it leads outside the directory");
        }
        if (!Files.isRegularFile(real)) {
            throw new OutcropException(OutcropErrorCode.SOURCE_NOT_FOUND, "'" + url + "' is not a file");
        }
        return real;
    }

    private static OutcropException denied(String url, String why) {
        return new OutcropException(OutcropErrorCode.SOURCE_ACCESS_DENIED, "cannot read '" + url + "': " + why
                + ", and file:// URLs may only name files inside the user files directory; name the file relative to it");
    }
}
