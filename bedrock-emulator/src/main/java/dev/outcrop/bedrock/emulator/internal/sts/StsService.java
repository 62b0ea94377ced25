package dev.outcrop.bedrock.emulator.internal.sts;

import dev.outcrop.bedrock.emulator.internal.http.Exchange;
import dev.outcrop.bedrock.emulator.internal.iam.CredentialRegistry;
import dev.outcrop.bedrock.emulator.internal.iam.ModelAccess;
import dev.outcrop.bedrock.emulator.internal.iam.Principal;
import dev.outcrop.bedrock.emulator.internal.iam.Role;
import dev.outcrop.bedrock.emulator.internal.sigv4.AuthorizationHeader;
import dev.outcrop.bedrock.emulator.internal.sigv4.SignatureException;
import dev.outcrop.bedrock.emulator.internal.sigv4.SignatureVerifier;
import dev.outcrop.bedrock.emulator.internal.sigv4.Verified;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * STS over awsQuery ({@code POST /} with a form body): AssumeRole, with trust policies and external IDs checked the
 * way IAM evaluates them, and GetCallerIdentity. Issued session keys go into the shared registry, so they sign
 * Bedrock calls and further AssumeRole calls (role chaining).
 */
public final class StsService {
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
    private static final Pattern ASSUMED_ROLE =
            Pattern.compile("arn:(aws[a-z-]*):sts::(\\d{12}):assumed-role/([^/]+)/(.+)");
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    private static final int CHAINED_SESSION_LIMIT = 3600;

    private final SignatureVerifier verifier;
    private final CredentialRegistry credentials;
    private final Map<String, Role> roles = new LinkedHashMap<>();
    private final Clock clock;

    public StsService(SignatureVerifier verifier, CredentialRegistry credentials, List<Role> roles,
                      Clock clock) {
        this.verifier = verifier;
        this.credentials = credentials;
        roles.forEach(r -> this.roles.put(r.arn(), r));
        this.clock = clock;
    }

    public void handle(Exchange ex) {
        ex.service("sts");
        try {
            Map<String, String> params = FormParameters.parse(ex.body(), ex.rawQuery());
            String action = params.get("Action");
            ex.operation(action);
            logAccessKey(ex);
            if (action == null) {
                throw new StsError("MissingAction", 400, "Missing Action");
            }
            Verified verified = verifier.verify(ex, "sts");
            CredentialRegistry.Entry caller = credentials.find(verified.credential().accessKeyId());
            ex.principal(caller.principal().arn());
            switch (action) {
                case "AssumeRole" -> assumeRole(ex, caller, params);
                case "GetCallerIdentity" -> getCallerIdentity(ex, caller);
                default -> throw new StsError("InvalidAction", 400,
                        "Could not find operation " + action + " for version " + params.getOrDefault("Version", ""));
            }
        } catch (StsError e) {
            sendError(ex, e);
        } catch (SignatureException e) {
            sendError(ex, signatureError(e));
        } catch (RuntimeException e) {
            sendError(ex, new StsError("InternalFailure", 500, "An internal error occurred.", false));
        }
    }

    private void assumeRole(Exchange ex, CredentialRegistry.Entry caller, Map<String, String> params) {
        String roleArn = params.get("RoleArn");
        String sessionName = params.get("RoleSessionName");
        String externalId = params.get("ExternalId");
        String duration = params.get("DurationSeconds");
        ex.parameter("RoleArn", roleArn).parameter("RoleSessionName", sessionName)
                .parameter("ExternalId", externalId).parameter("DurationSeconds", duration)
                .parameter("SourceIdentity", params.get("SourceIdentity"));

        if (roleArn == null) {
            throw StsError.validation("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
        }
        if (roleArn.length() < 20 || roleArn.length() > 2048) {
            throw StsError.validation("1 validation error detected: Value '" + roleArn
                    + "' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20");
        }
        if (sessionName == null) {
            throw StsError.validation("1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
        }
        if (sessionName.length() < 2 || sessionName.length() > 64) {
            throw StsError.validation("1 validation error detected: Value '" + sessionName
                    + "' at 'roleSessionName' failed to satisfy constraint: Member must have length between 2 and 64");
        }
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw StsError.validation("1 validation error detected: Value '" + sessionName
                    + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        // Length only: STS also enforces the pattern [\w+=,.@:/-]*, but the documented default role requires the
        // seed's placeholder "<external_id>", which that pattern would refuse.
        if (externalId != null && (externalId.length() < 2 || externalId.length() > 1224)) {
            throw StsError.validation("1 validation error detected: Value '" + externalId
                    + "' at 'externalId' failed to satisfy constraint: Member must have length between 2 and 1224");
        }
        int seconds = 3600;
        if (duration != null) {
            try {
                seconds = Integer.parseInt(duration.trim());
            } catch (NumberFormatException e) {
                throw StsError.validation("1 validation error detected: Value '" + duration
                        + "' at 'durationSeconds' failed to satisfy constraint: Member must be a number");
            }
            if (seconds < 900 || seconds > 43200) {
                throw StsError.validation("1 validation error detected: Value '" + seconds
                        + "' at 'durationSeconds' failed to satisfy constraint: Member must have value "
                        + (seconds < 900 ? "greater than or equal to 900" : "less than or equal to 43200"));
            }
        }
        String callerArn = caller.principal().arn();
        Role role = roles.get(roleArn);
        // IAM does not reveal whether a role exists, which trust condition failed, or that an external ID was wrong.
        if (role == null || !trusts(role, callerArn)) {
            throw StsError.accessDenied(callerArn, roleArn);
        }
        if (role.externalId() != null && !role.externalId().equals(externalId)) {
            throw StsError.accessDenied(callerArn, roleArn);
        }
        boolean chained = ASSUMED_ROLE.matcher(callerArn).matches();
        if (chained && seconds > CHAINED_SESSION_LIMIT) {
            throw StsError.validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        if (seconds > role.maxSessionDurationSeconds()) {
            throw StsError.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }

        Instant expiration = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(seconds);
        String sessionArn = "arn:aws:sts::" + role.accountId() + ":assumed-role/" + role.roleName() + "/" + sessionName;
        String roleId = CredentialRegistry.stableId("AROA", role.arn());
        Principal session = new Principal(sessionArn, roleId + ":" + sessionName, role.accountId(),
                new ModelAccess(role.allowedModels()));
        CredentialRegistry.Entry issued = credentials.issueSession(session, expiration);

        String indent = "      ";
        StringBuilder result = new StringBuilder();
        result.append("    <Credentials>\n")
                .append(StsXml.element(indent, "AccessKeyId", issued.credential().accessKeyId()))
                .append(StsXml.element(indent, "SecretAccessKey", issued.credential().secretAccessKey()))
                .append(StsXml.element(indent, "SessionToken", issued.credential().sessionToken()))
                .append(StsXml.element(indent, "Expiration", EXPIRATION.format(expiration.atOffset(ZoneOffset.UTC))))
                .append("    </Credentials>\n")
                .append("    <AssumedRoleUser>\n")
                .append(StsXml.element(indent, "AssumedRoleId", session.userId()))
                .append(StsXml.element(indent, "Arn", sessionArn))
                .append("    </AssumedRoleUser>\n");
        if (params.containsKey("Policy")) {
            result.append(StsXml.element("    ", "PackedPolicySize", "6"));
        }
        if (params.containsKey("SourceIdentity")) {
            result.append(StsXml.element("    ", "SourceIdentity", params.get("SourceIdentity")));
        }
        ex.send(200, "text/xml", StsXml.success("AssumeRole", result.toString(), ex.requestId()));
    }

    /**
     * Trust policy evaluation for the principal forms the emulator supports: an exact ARN, an account
     * ({@code 123456789012} or {@code arn:aws:iam::123456789012:root}), {@code *}, and a role ARN, which also admits
     * that role's sessions.
     */
    static boolean trusts(Role role, String callerArn) {
        var session = ASSUMED_ROLE.matcher(callerArn);
        String callerAccount = CredentialRegistry.accountOf(callerArn);
        for (String trusted : role.trustedPrincipals()) {
            if (trusted.equals("*") || trusted.equals(callerArn)) {
                return true;
            }
            if (trusted.equals(callerAccount) || trusted.matches("arn:aws[a-z-]*:iam::" + callerAccount + ":root")) {
                return true;
            }
            if (session.matches() && trusted.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
                String trustedAccount = CredentialRegistry.accountOf(trusted);
                String trustedName = trusted.substring(trusted.lastIndexOf('/') + 1);
                if (trustedAccount.equals(session.group(2)) && trustedName.equals(session.group(3))) {
                    return true;
                }
            }
        }
        return false;
    }

    private void getCallerIdentity(Exchange ex, CredentialRegistry.Entry caller) {
        Principal p = caller.principal();
        String result = StsXml.element("    ", "Arn", p.arn())
                + StsXml.element("    ", "UserId", p.userId())
                + StsXml.element("    ", "Account", p.account());
        ex.send(200, "text/xml", StsXml.success("GetCallerIdentity", result, ex.requestId()));
    }

    /** A body over the size limit, answered in STS's XML error format. */
    public void rejectTooLarge(Exchange ex, long size, long limit) {
        ex.service("sts");
        sendError(ex, new StsError("RequestEntityTooLarge", 413,
                "Request body of " + size + " bytes exceeds the maximum allowed size of " + limit + " bytes."));
    }

    private static void sendError(Exchange ex, StsError error) {
        ex.errorType(error.code());
        ex.send(error.status(), "text/xml", StsXml.error(error, ex.requestId()));
    }

    private static StsError signatureError(SignatureException e) {
        return switch (e.kind()) {
            case MISSING -> new StsError("MissingAuthenticationToken", 403, "Request is missing Authentication Token");
            case INCOMPLETE -> new StsError("IncompleteSignature", 400, e.getMessage());
            case UNKNOWN_KEY, BAD_TOKEN -> new StsError("InvalidClientTokenId", 403, e.getMessage());
            case EXPIRED_TOKEN -> new StsError("ExpiredToken", 400, e.getMessage());
            case MISMATCH, SKEWED -> new StsError("SignatureDoesNotMatch", 403, e.getMessage());
        };
    }

    private static void logAccessKey(Exchange ex) {
        ex.accessKeyId(AuthorizationHeader.accessKeyIdOf(ex.header("authorization")));
    }
}
