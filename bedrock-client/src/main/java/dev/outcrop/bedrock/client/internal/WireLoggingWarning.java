package dev.outcrop.bedrock.client.internal;

import dev.outcrop.bedrock.client.config.WireLogging;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WARN per JVM, when the first SDK client is built, if the logging backend lets the wire into the log
 * ({@link WireLogging}). Later clients do not check again: levels rarely change at run time, and a warning on
 * every client would be noise.
 */
public final class WireLoggingWarning {

    private static final Logger log = LoggerFactory.getLogger(WireLogging.class);
    private static final AtomicBoolean CHECKED = new AtomicBoolean();

    private WireLoggingWarning() {
    }

    public static void checkOnce() {
        if (CHECKED.compareAndSet(false, true)) {
            String warning = message(WireLogging.enabledAtDebug(), WireLogging.unsafeAllowed());
            if (warning != null) {
                log.warn(warning);
            }
        }
    }

    /** The warning for these loggers at DEBUG, or null when there is nothing to warn about. */
    static String message(List<String> enabledAtDebug, boolean unsafeAllowed) {
        if (enabledAtDebug.isEmpty()) {
            return null;
        }
        if (unsafeAllowed) {
            return "Unsafe wire logging is on (" + WireLogging.UNSAFE_ENVIRONMENT_VARIABLE + "): the log will hold AWS access key ids, "
                    + "session tokens, STS-issued secret keys, external IDs, prompts and answers [loggers=" + enabledAtDebug + "]";
        }
        return "Loggers that write AWS credentials are enabled at DEBUG, so the log will hold access key ids, session tokens and "
                + "STS-issued secret keys [loggers=" + enabledAtDebug + "]. Set " + WireLogging.SENSITIVE_LOGGERS + " to INFO, or set "
                + WireLogging.UNSAFE_ENVIRONMENT_VARIABLE + "=true to say that this log may hold them";
    }
}
