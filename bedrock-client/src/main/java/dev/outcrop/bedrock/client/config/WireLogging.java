package dev.outcrop.bedrock.client.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/**
 * The loggers that write what goes over the wire, and the switch that allows them.
 *
 * <p>With these loggers at DEBUG, a log holds credentials. Measured with AWS SDK 2.57 and Netty 4.2: the SDK's Netty
 * client adds a {@code LoggingHandler} at DEBUG to every connection it opens, which prints each request's headers
 * ({@code Authorization} with the access key id, {@code X-Amz-Security-Token}) and hex dumps of every body (STS answers
 * with the issued {@code SecretAccessKey} and {@code SessionToken}, the AssumeRole form with the external ID, prompts
 * and answers); the SDK's SigV4 signer prints each canonical request, which holds the session token; the SDK's event
 * stream reader prints every decoded event, that is the model's answer.
 *
 * <p>No library can change a logging backend's levels through SLF4J, so this one cannot quieten them: whoever
 * configures logging must keep {@link #SENSITIVE_LOGGERS} at INFO or above. Outcrop's server does (its
 * {@code simplelogger.properties}). When the first Bedrock or STS client of a JVM is built, this library checks
 * them and logs one WARN if any is enabled at DEBUG: without the unsafe switch it names them and says how to quieten
 * them; with it, it says that the log will hold credentials.
 *
 * <p>The unsafe switch is {@code OUTCROP_UNSAFE_WIRE_LOGGING=true} in the environment or
 * {@code -Doutcrop.unsafe-wire-logging=true}. It is for debugging against an emulator or with credentials that are
 * revoked afterwards.
 */
public final class WireLogging {

    /** The system property of the unsafe switch. */
    public static final String UNSAFE_PROPERTY = "outcrop.unsafe-wire-logging";
    /** The environment variable of the unsafe switch. */
    public static final String UNSAFE_ENVIRONMENT_VARIABLE = "OUTCROP_UNSAFE_WIRE_LOGGING";

    /**
     * Logger names, each standing for itself and every logger below it, that must stay at INFO or above unless the
     * unsafe switch is set:
     * <ul>
     *   <li>{@code io.netty.handler.logging}: Netty's {@code LoggingHandler}, headers and hex dumps of all traffic;</li>
     *   <li>{@code io.netty.handler.codec.http2.Http2FrameLogger}: Netty's HTTP/2 frame dumps;</li>
     *   <li>{@code software.amazon.awssdk.request} and {@code software.amazon.awssdk.requestId}: the SDK's request
     *       loggers (in 2.57 they print header names and request ids only; the SDK documents them as its request
     *       log, so they are kept with the others);</li>
     *   <li>{@code software.amazon.awssdk.http.auth} and {@code software.amazon.awssdk.auth.signer}: the SDK's SigV4
     *       signers, whose canonical requests hold the session token;</li>
     *   <li>{@code software.amazon.awssdk.awscore.eventstream}: decoded response stream events, the model's
     *       answers;</li>
     *   <li>{@code org.apache.http.wire}, {@code org.apache.http.headers}, {@code org.apache.hc.client5.http.wire},
     *       {@code org.apache.hc.client5.http.headers}: Apache HttpClient 4 and 5, for applications that give the SDK
     *       an Apache client (Outcrop does not).</li>
     * </ul>
     */
    public static final List<String> SENSITIVE_LOGGERS = List.of(
            "io.netty.handler.logging",
            "io.netty.handler.codec.http2.Http2FrameLogger",
            "software.amazon.awssdk.request",
            "software.amazon.awssdk.requestId",
            "software.amazon.awssdk.http.auth",
            "software.amazon.awssdk.auth.signer",
            "software.amazon.awssdk.awscore.eventstream",
            "org.apache.http.wire",
            "org.apache.http.headers",
            "org.apache.hc.client5.http.wire",
            "org.apache.hc.client5.http.headers");

    /**
     * The loggers checked: the sensitive names, and the loggers below them that were seen writing credentials, so
     * that a backend configured at DEBUG for one of those alone is noticed too.
     */
    static final List<String> CHECKED_LOGGERS;

    static {
        Set<String> checked = new LinkedHashSet<>(SENSITIVE_LOGGERS);
        checked.add("io.netty.handler.logging.LoggingHandler");
        checked.add("software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner");
        checked.add("software.amazon.awssdk.awscore.eventstream.EventStreamAsyncResponseTransformer");
        CHECKED_LOGGERS = List.copyOf(checked);
    }

    private WireLogging() {
    }

    /** Whether the unsafe switch is set, in this JVM's system properties or environment. */
    public static boolean unsafeAllowed() {
        return unsafeAllowed(System::getProperty, System::getenv);
    }

    static boolean unsafeAllowed(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        return "true".equalsIgnoreCase(trimmed(systemProperties.apply(UNSAFE_PROPERTY)))
                || "true".equalsIgnoreCase(trimmed(environment.apply(UNSAFE_ENVIRONMENT_VARIABLE)));
    }

    /** The checked loggers that the SLF4J backend has enabled at DEBUG now; empty when the wire stays out of the log. */
    public static List<String> enabledAtDebug() {
        return enabledAtDebug(name -> LoggerFactory.getLogger(name).isDebugEnabled());
    }

    static List<String> enabledAtDebug(Predicate<String> debugEnabled) {
        requireNonNull(debugEnabled, "debugEnabled is null");
        List<String> enabled = new ArrayList<>();
        for (String name : CHECKED_LOGGERS) {
            if (debugEnabled.test(name)) {
                enabled.add(name);
            }
        }
        return List.copyOf(enabled);
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
