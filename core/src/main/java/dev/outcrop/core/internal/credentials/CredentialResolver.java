package dev.outcrop.core.internal.credentials;

import dev.outcrop.core.internal.concurrent.Futures;


import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.core.error.InvocationException;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.location.AccessKeyCredentials;
import dev.outcrop.core.location.LocationCredentials;
import dev.outcrop.core.location.RoleCredentials;
import dev.outcrop.core.port.AssumeRoleRequest;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.CredentialsProvider;
import dev.outcrop.core.port.RoleAssumer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a location's credentials into credentials that can sign a call.
 *
 * <p>Keys are used as they are. A role is assumed through the chain: the deployment's own credentials
 * assume the account's trust principal, which assumes the customer's role (with its external ID).
 * Assumed credentials are cached per (location id, version) and per account's trust principal,
 * refreshed ahead of expiry, and concurrent callers share one refresh. ALTER and DROP invalidate the
 * location's entries at once; a new version is a new key anyway.
 */
public final class CredentialResolver {

    private static final Logger log = LoggerFactory.getLogger(CredentialResolver.class);
    private static final Pattern SESSION_NAME_UNSAFE = Pattern.compile("[^\\w+=,.@-]");
    /** Below this, cached credentials are not handed out even while a refresh is pending. */
    private static final Duration MINIMUM_VALIDITY = Duration.ofSeconds(30);

    private final RoleAssumer roleAssumer;
    private final CredentialsProvider deploymentCredentials;
    private final Clock clock;
    private final Duration refreshAhead;
    private final Duration roleDuration;
    private final ConcurrentMap<CacheKey, CachedCredentials> cache = new ConcurrentHashMap<>();
    /** Per location id, the highest version that was changed or dropped. Small: one number per location ever changed here. */
    private final ConcurrentMap<String, Long> retiredUpTo = new ConcurrentHashMap<>();

    private record CacheKey(String scope, String id, long version) {
    }

    public CredentialResolver(RoleAssumer roleAssumer, CredentialsProvider deploymentCredentials, Clock clock, Duration refreshAhead,
                       Duration roleDuration) {
        this.roleAssumer = roleAssumer;
        this.deploymentCredentials = deploymentCredentials;
        this.clock = clock;
        this.refreshAhead = refreshAhead;
        this.roleDuration = roleDuration;
    }

    /** Credentials for a call through the location. */
    public CompletableFuture<AwsCredentials> resolve(AccountRecord account, ResolvedLocation location) {
        LocationCredentials credentials = location.credentials();
        if (credentials instanceof AccessKeyCredentials keys) {
            return CompletableFuture.completedFuture(new AwsCredentials(keys.accessKeyId(), keys.secretAccessKey(), keys.sessionToken(), null));
        }
        RoleCredentials role = (RoleCredentials) credentials;
        CacheKey key = new CacheKey("location", location.record().id(), location.record().version());
        // The customer's role ARN is one of the location's credentials: masked in its ddl, and so named in no error
        // either (whoever may call the location sees this message; its owner, who set the role, knows which it is).
        String masked = "the role of location '" + location.record().locationName() + "'";
        return cached(key, () -> trustPrincipal(account).thenCompose(trust -> assume(
                role.roleArn(), masked, role.externalId(), sessionName(account.accountName(), location.record().locationName()),
                location.region(), trust, "location '" + location.record().locationName() + "'")));
    }

    /**
     * Forgets every credential cached for the location, and retires its versions up to {@code version}: a
     * call that still asks for a retired version (it looked the location up just before the change) is
     * served without the cache, so an assumption that was in flight during the change can never put the
     * old credentials back.
     */
    public void invalidate(String locationId, long version) {
        retiredUpTo.merge(locationId, version, Math::max);
        cache.keySet().removeIf(key -> key.scope().equals("location") && key.id().equals(locationId));
    }

    private CompletableFuture<AwsCredentials> trustPrincipal(AccountRecord account) {
        if (roleAssumer == null || deploymentCredentials == null) {
            return CompletableFuture.failedFuture(new OutcropException(OutcropErrorCode.CREDENTIALS_UNAVAILABLE,
                    "role locations need STS and the deployment's own AWS credentials, and this Outcrop was built without "
                            + (roleAssumer == null ? "a role assumer" : "deployment credentials")
                            + ": configure them, or use a location with access keys"));
        }
        CacheKey key = new CacheKey("trust", account.accountName() + "\u0000" + account.trustPolicyRole(), 0);
        // The trust principal is public within the account (information_schema.accounts), so errors name it.
        return cached(key, () -> deploymentOwn().thenCompose(own -> assume(
                account.trustPolicyRole(), "role '" + account.trustPolicyRole() + "'", null, sessionName(account.accountName(), "trust"), account.region(), own,
                "the trust principal of account '" + account.accountName() + "'")));
    }

    /**
     * The deployment's own credentials. A provider that fails with anything but an Outcrop error (a plugged-in vault's
     * exception) is reported as such, not as a bug of Outcrop's; adapters report a missing configuration themselves.
     */
    private CompletableFuture<AwsCredentials> deploymentOwn() {
        CompletableFuture<AwsCredentials> own;
        try {
            own = deploymentCredentials.resolveCredentials().toCompletableFuture();
        }
        catch (RuntimeException e) {
            own = CompletableFuture.failedFuture(e);
        }
        return own.handle((credentials, failure) -> {
            if (failure == null) {
                return credentials;
            }
            Throwable cause = Futures.unwrap(failure);
            if (cause instanceof OutcropException outcrop) {
                throw outcrop;
            }
            throw new OutcropException(OutcropErrorCode.CREDENTIALS_UNAVAILABLE, "the deployment's own AWS credentials could not be "
                    + "resolved (" + cause.getClass().getSimpleName() + "): its operator must check the configured credentials provider", cause);
        });
    }

    private CompletableFuture<AwsCredentials> assume(String roleArn, String shownAs, String externalId, String sessionName, String region,
                                                     AwsCredentials caller, String purpose) {
        AssumeRoleRequest request = new AssumeRoleRequest(roleArn, externalId, sessionName, roleDuration, region, caller);
        // The role ARN is part of the location's credentials: it stays out of logs, and errors show it as shownAs.
        log.debug("Assuming role [purpose={}, externalId={}]", purpose, externalId == null ? "none" : "set");
        return roleAssumer.assumeRole(request).toCompletableFuture().handle((credentials, failure) -> {
            if (failure == null) {
                return credentials;
            }
            Throwable cause = Futures.unwrap(failure);
            if (cause instanceof InvocationException e) {
                throw new InvocationException(OutcropErrorCode.ROLE_ASSUMPTION_FAILED, e.remoteErrorType(), e.httpStatus(), e.retryable(),
                        "STS " + e.remoteErrorType() + " (" + e.httpStatus() + ") assuming " + shownAs + " for " + purpose + ": "
                                + redact(e.getMessage(), roleArn, shownAs) + hint(e, externalId), e);
            }
            throw new InvocationException(OutcropErrorCode.ROLE_ASSUMPTION_FAILED, cause.getClass().getSimpleName(), 0, true,
                    "assuming " + shownAs + " for " + purpose + " failed: " + redact(cause.getMessage(), roleArn, shownAs), cause);
        });
    }

    /** STS names the role in its own message ("... on resource: arn:..."): that occurrence is masked like the rest. */
    private static String redact(String message, String roleArn, String shownAs) {
        return message == null ? null : message.replace(roleArn, "<" + shownAs + ">");
    }

    private static String hint(InvocationException e, String externalId) {
        if (e.httpStatus() == 403) {
            return externalId == null
                    ? " (check that the role's trust policy names this account's trust_policy_role)"
                    : " (check that the role's trust policy names this account's trust_policy_role and the same external ID)";
        }
        return "";
    }

    private CompletableFuture<AwsCredentials> cached(CacheKey key, Supplier<CompletableFuture<AwsCredentials>> loader) {
        if (isRetired(key)) {
            return loader.get();
        }
        CachedCredentials entry = cache.computeIfAbsent(key, k -> new CachedCredentials());
        if (isRetired(key)) {
            // Retired between the check and the insert: take the entry out again.
            cache.remove(key, entry);
        }
        return entry.get(loader, clock.instant());
    }

    private boolean isRetired(CacheKey key) {
        if (!key.scope().equals("location")) {
            return false;
        }
        Long retired = retiredUpTo.get(key.id());
        return retired != null && key.version() <= retired;
    }

    private static String sessionName(String account, String suffix) {
        String name = SESSION_NAME_UNSAFE.matcher("outcrop-" + account + "-" + suffix).replaceAll("_");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    /** One cache slot: the current credentials, and at most one refresh in flight. */
    private final class CachedCredentials {
        private CompletableFuture<AwsCredentials> current;
        private CompletableFuture<AwsCredentials> refreshing;

        synchronized CompletableFuture<AwsCredentials> get(Supplier<CompletableFuture<AwsCredentials>> loader, Instant now) {
            if (current == null || current.isCompletedExceptionally()) {
                // First call, or the last attempt failed: start one attempt that concurrent callers share.
                current = loader.get();
                return current;
            }
            if (!current.isDone()) {
                return current;
            }
            AwsCredentials credentials = current.join();
            Instant expiration = credentials.expiration();
            if (expiration == null || now.isBefore(expiration.minus(refreshAhead))) {
                return current;
            }
            if (refreshing == null) {
                CompletableFuture<AwsCredentials> refresh = loader.get();
                refreshing = refresh;
                refresh.whenComplete((fresh, failure) -> finishRefresh(refresh, failure == null));
            }
            // Hand out the old credentials while they are still good; otherwise wait for the new ones.
            return now.isBefore(expiration.minus(MINIMUM_VALIDITY)) ? current : refreshing;
        }

        private synchronized void finishRefresh(CompletableFuture<AwsCredentials> refresh, boolean succeeded) {
            if (refreshing == refresh) {
                if (succeeded) {
                    current = refresh;
                }
                refreshing = null;
            }
        }
    }

    @Override
    public String toString() {
        return "CredentialResolver[entries=" + cache.size() + ", refreshAhead=" + refreshAhead.toString().toLowerCase(Locale.ROOT) + "]";
    }
}
