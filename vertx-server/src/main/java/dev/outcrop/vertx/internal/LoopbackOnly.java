package dev.outcrop.vertx.internal;

import dev.outcrop.core.error.OutcropErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of unauthenticated mode, in which every request runs as the configured principal (as
 * Firebolt Core runs): it may listen on a loopback address only, and it serves only requests that
 * were meant for this machine. Checking the Host header defeats DNS rebinding (a web page whose name
 * points at 127.0.0.1); refusing a foreign Origin stops a page in the user's browser from posting
 * {@code text/plain} SQL, which needs no CORS preflight, to the service.
 */
public final class LoopbackOnly {

    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private LoopbackOnly() {
    }

    /**
     * Refuses to serve unauthenticated on {@code host} unless it is a loopback address.
     *
     * @throws IllegalArgumentException naming the address and the fix
     */
    public static void requireLoopbackAddress(String host) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(host).isLoopbackAddress();
        }
        catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw new IllegalArgumentException("the server runs without authentication and so listens only on a loopback address, but "
                    + "the configured host is '" + host + "': use 127.0.0.1 or localhost");
        }
    }

    /** A route handler that refuses requests with a non-loopback Host or a foreign Origin, before anything else runs. */
    public static Handler<RoutingContext> requestGuard() {
        return ctx -> {
            if (!ctx.request().isEnded()) {
                ctx.request().pause();
            }
            // Vert.x 5 gives the Host header (or an HTTP/2 :authority) as the request's authority.
            HostAndPort authority = ctx.request().authority();
            String host = authority == null ? ctx.request().getHeader("Host") : authority.host();
            if (host == null || !isLoopbackName(hostName(host))) {
                refuse(ctx, new RequestRefused(421, OutcropErrorCode.PERMISSION_DENIED, "the Host header '"
                        + StrictText.printableAscii(host == null ? "" : host) + "' is not a loopback name; without authentication the "
                        + "service answers only requests addressed to localhost, 127.0.0.1 or [::1]"));
                return;
            }
            String origin = ctx.request().getHeader("Origin");
            if (origin != null && !isLoopbackOrigin(origin)) {
                refuse(ctx, new RequestRefused(403, OutcropErrorCode.PERMISSION_DENIED, "requests from the web origin '"
                        + StrictText.printableAscii(origin) + "' are refused: without authentication only pages served from this machine "
                        + "(localhost) may call the service"));
                return;
            }
            ctx.next();
        };
    }

    private static void refuse(RoutingContext ctx, RequestRefused refusal) {
        ctx.request().handler(ignored -> { }).resume();
        ErrorResponses.send(ctx, refusal, "-");
    }

    static boolean isLoopbackOrigin(String origin) {
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null && isLoopbackName(uri.getHost());
        }
        catch (Exception e) {
            // Includes "null", the origin of sandboxed frames and local files.
            return false;
        }
    }

    static String hostName(String hostHeader) {
        String host = hostHeader.trim();
        if (host.indexOf(':') != host.lastIndexOf(':') && !host.startsWith("[")) {
            return host; // a bare IPv6 address, as authority().host() gives it
        }
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    /** Names only, never a DNS lookup: a rebinding name resolves to 127.0.0.1 too. */
    static boolean isLoopbackName(String name) {
        String host = name.toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.endsWith(".localhost") || host.equals("[::1]") || host.equals("::1")) {
            return true;
        }
        return LOOPBACK_V4.matcher(host).matches();
    }
}
