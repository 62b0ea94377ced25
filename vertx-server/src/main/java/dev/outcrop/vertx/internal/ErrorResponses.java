package dev.outcrop.vertx.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outcrop.core.error.InvocationException;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.error.SqlSyntaxException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where an error becomes an HTTP status and a Firebolt-style error body:
 * {@code {"errors":[{"code","name","severity","source","description","resolution","location"}]}}.
 */
final class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorResponses() {
    }

    record Response(int status, String body, boolean closeConnection) {
    }

    /** Answers the request with {@code failure} in Firebolt's shape, unless the response has already gone. */
    static void send(RoutingContext ctx, Throwable failure, String queryId) {
        Response error = of(failure, queryId);
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.headWritten() || response.closed()) {
            return;
        }
        response.setStatusCode(error.status())
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Outcrop-Query-Id", queryId);
        if (error.closeConnection()) {
            // The rest of an over-large body is not worth reading on this connection; and a server that is shutting down
            // wants a keep-alive client's next request to find another server.
            response.putHeader("Connection", "close");
        }
        response.end(error.body());
    }

    static Response of(Throwable failure, String queryId) {
        OutcropException error = outcropError(failure, queryId);
        ObjectNode body = JSON.createObjectNode();
        body.putObject("query").put("query_id", queryId);
        // Firebolt's Node.js SDK shows a top-level message as the reason of a failed request.
        body.put("message", error.getMessage());
        body.set("errors", errors(error));
        int status = status(error);
        return new Response(status, body.toString(), status == 413 || codeOf(error) == OutcropErrorCode.SERVER_SHUTTING_DOWN);
    }

    /** The {@code errors} array of Firebolt's error body, also sent in a JSONLines {@code FINISH_WITH_ERRORS} record. */
    static ArrayNode errors(Throwable failure, String queryId) {
        return errors(outcropError(failure, queryId));
    }

    private static OutcropException outcropError(Throwable failure, String queryId) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        OutcropException error;
        if (cause instanceof OutcropException outcrop) {
            error = outcrop;
        }
        else {
            // A bug: the details go to the log, which the operator reads; the client gets an id to quote.
            log.error("Unexpected failure [queryId={}]", queryId, cause);
            error = new OutcropException(OutcropErrorCode.INTERNAL, "internal error; quote query id " + queryId + " when reporting it");
        }
        return error;
    }

    private static ArrayNode errors(OutcropException error) {
        ArrayNode errors = JSON.createArrayNode();
        ObjectNode item = errors.addObject();
        item.put("code", error.errorCode().code());
        item.put("name", error.errorCode().name());
        item.put("severity", "ERROR");
        item.put("source", source(error));
        item.put("description", error.getMessage());
        if (codeOf(error) == OutcropErrorCode.SERVER_SHUTTING_DOWN) {
            item.put("resolution", "send the request to another server of the deployment, or retry once this one has restarted");
        }
        else if (error.retryable()) {
            item.put("resolution", "retry the statement later");
        }
        if (error instanceof SqlSyntaxException syntax) {
            ObjectNode location = item.putObject("location");
            location.put("failing_line", syntax.line());
            location.put("start_offset", syntax.offset());
            location.put("end_offset", syntax.offset());
        }
        if (error instanceof InvocationException invocation) {
            item.put("remote_error_type", invocation.remoteErrorType());
            item.put("remote_status", invocation.httpStatus());
        }
        return errors;
    }

    /**
     * Whose fault it is, in words: the user's statement, a limit the user or the deployment set, the model service, the
     * deployment's configuration, or ours.
     */
    private static String source(OutcropException error) {
        return switch (error.errorCode().type()) {
            case USER_ERROR -> "User Error";
            case INSUFFICIENT_RESOURCES -> "Resource Limit";
            case EXTERNAL -> "External Service Error";
            case INTERNAL_ERROR -> "System Error";
            case DEPLOYMENT -> "Deployment Configuration Error";
        };
    }

    private static int status(OutcropException error) {
        if (error instanceof RequestRefused refused) {
            return refused.status();
        }
        OutcropErrorCode code = codeOf(error);
        return switch (error.errorCode().type()) {
            case USER_ERROR -> code == OutcropErrorCode.AUTHENTICATION_FAILED ? 401
                    : code == OutcropErrorCode.LOCATION_NOT_FOUND || code == OutcropErrorCode.ACCOUNT_NOT_FOUND
                    || code == OutcropErrorCode.UNKNOWN_TABLE || code == OutcropErrorCode.SOURCE_NOT_FOUND ? 404
                    : code == OutcropErrorCode.PERMISSION_DENIED || code == OutcropErrorCode.SOURCE_ACCESS_DENIED ? 403
                    : code == OutcropErrorCode.STATEMENT_TOO_LARGE ? 413
                    : code == OutcropErrorCode.CONCURRENT_MODIFICATION ? 409 : 400;
            case EXTERNAL -> error.retryable() ? 503 : 502;
            // A server that is shutting down has no resources for anyone: 503, which says it is the server's state, not the caller's use.
            case INSUFFICIENT_RESOURCES -> code == OutcropErrorCode.SERVER_SHUTTING_DOWN ? 503 : 429;
            case INTERNAL_ERROR -> 500;
            // The service cannot serve this statement until its operator changes the configuration: neither a bug nor the caller's input.
            case DEPLOYMENT -> 503;
        };
    }

    private static OutcropErrorCode codeOf(OutcropException error) {
        for (OutcropErrorCode code : OutcropErrorCode.values()) {
            if (code.toErrorCode().equals(error.errorCode())) {
                return code;
            }
        }
        return OutcropErrorCode.INTERNAL;
    }
}
