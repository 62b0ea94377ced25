package dev.outcrop.sql.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The keys a CREDENTIALS clause may hold, in the order the formatter writes them. */
enum CredentialKey {
    AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY,
    AWS_SESSION_TOKEN,
    AWS_ROLE_ARN,
    AWS_ROLE_EXTERNAL_ID;

    static final List<String> NAMES = Arrays.stream(values()).map(Enum::name).toList();

    private final String word = name().toLowerCase(Locale.ROOT);

    /** The key for a folded word, or null. */
    static CredentialKey fromWord(String lowerCaseWord) {
        for (CredentialKey key : values()) {
            if (key.word.equals(lowerCaseWord)) {
                return key;
            }
        }
        return null;
    }

    boolean isAccessKeyShape() {
        return this == AWS_ACCESS_KEY_ID || this == AWS_SECRET_ACCESS_KEY || this == AWS_SESSION_TOKEN;
    }
}
