package dev.outcrop.catalog.jdbc.internal;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** JDBC URL helpers: the embedded default, and a form that is safe to show in messages and logs. */
public final class JdbcUrls {

    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)(password|pwd|sslpassword)=[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@]*:[^/@]*@");

    private JdbcUrls() {}

    /**
     * The embedded default: an H2 database in files {@code <dataDirectory>/catalog/outcrop-catalog.*}.
     * A lock timeout of 10 s lets concurrent writers queue instead of failing at once.
     */
    public static String embeddedH2(Path dataDirectory) {
        Path file = dataDirectory.resolve("catalog").resolve("outcrop-catalog").toAbsolutePath();
        return "jdbc:h2:file:" + file + ";LOCK_TIMEOUT=10000";
    }

    /** The URL with passwords, in parameters or in user info, replaced by {@code ****}. */
    public static String redact(String url) {
        String withoutParameters = SECRET_PARAMETER.matcher(url).replaceAll("$1=****");
        return USER_INFO.matcher(withoutParameters).replaceAll("//****:****@");
    }
}
