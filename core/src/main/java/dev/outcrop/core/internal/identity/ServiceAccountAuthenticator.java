package dev.outcrop.core.internal.identity;

import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.PrincipalRecord;
import dev.outcrop.catalog.spi.ServiceAccountRecord;
import dev.outcrop.core.identity.ServiceAccountIdentity;
import java.util.Optional;

/**
 * Checks a service account's client id and secret, or a token's client id and key id, against the
 * catalog. A service account proves an identity only while it has a key, is linked to a user, and that
 * user and its account exist. Blocking; {@link #authenticate} is CPU-heavy (a slow hash).
 */
public final class ServiceAccountAuthenticator {

    private final CatalogStore store;

    public ServiceAccountAuthenticator(CatalogStore store) {
        this.store = store;
    }

    /** The identity proved by a client id and secret, or empty if they prove none. */
    public Optional<ServiceAccountIdentity> authenticate(String clientId, String secret) {
        Optional<ServiceAccountRecord> found = store.findServiceAccountById(clientId).filter(sa -> sa.secretHash() != null);
        if (found.isEmpty()) {
            // Hash anyway, so that an unknown client id takes as long to refuse as a wrong secret.
            SecretHashing.matches(secret, Decoy.HASH);
            return Optional.empty();
        }
        if (!SecretHashing.matches(secret, found.get().secretHash())) {
            return Optional.empty();
        }
        return identity(found.get());
    }

    /** The identity of a token issued under {@code keyId}, or empty if that key is no longer the service account's. */
    public Optional<ServiceAccountIdentity> current(String clientId, String keyId) {
        return store.findServiceAccountById(clientId)
                .filter(sa -> keyId.equals(sa.keyId()))
                .flatMap(this::identity);
    }

    private Optional<ServiceAccountIdentity> identity(ServiceAccountRecord serviceAccount) {
        String user = serviceAccount.userName();
        if (user == null || serviceAccount.keyId() == null || store.findAccount(serviceAccount.accountName()).isEmpty()) {
            return Optional.empty();
        }
        boolean userExists = store.findPrincipal(serviceAccount.accountName(), user).filter(p -> p.kind() == PrincipalRecord.Kind.USER).isPresent();
        return userExists
                ? Optional.of(new ServiceAccountIdentity(serviceAccount.accountName(), user, serviceAccount.id(), serviceAccount.keyId()))
                : Optional.empty();
    }

    /** Made on first use: hashing takes a moment, which start-up need not pay. */
    private static final class Decoy {
        static final String HASH = SecretHashing.hash("decoy-" + SecretHashing.randomText(16));
    }
}
