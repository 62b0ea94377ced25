package dev.outcrop.catalog.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A service account of an account: a name that programs authenticate as, with at most one key (a
 * client secret) at a time, acting as the account's user linked to it.
 *
 * <p>The secret itself is never stored: {@code secretHash} is a slow, salted hash of it, in a
 * self-describing text form chosen by core. A new key replaces the old one (new {@code keyId}, new hash),
 * which revokes the old one and every token issued under it.
 *
 * @param id the OAuth client id: unique in the whole store, never reused
 * @param accountName the account it belongs to
 * @param name lower-case name, unique in the account
 * @param description free text, or null
 * @param userName the account's user that requests authenticated as this service account run as, or null while none is linked
 * @param keyId the id of the current key, or null while it has none
 * @param secretHash the hash of the current key's secret, or null while it has none; never the secret
 * @param created when it was created
 * @param version compare-and-set version; 1 for a new record
 */
public record ServiceAccountRecord(
        String id,
        String accountName,
        String name,
        String description,
        String userName,
        String keyId,
        String secretHash,
        Instant created,
        long version) {

    public ServiceAccountRecord {
        requireNonNull(id, "id is null");
        requireNonNull(accountName, "accountName is null");
        requireNonNull(name, "name is null");
        requireNonNull(created, "created is null");
        if ((keyId == null) != (secretHash == null)) {
            throw new IllegalArgumentException("keyId and secretHash go together: both set or both null");
        }
    }

    public ServiceAccountRecord withKey(String newKeyId, String newSecretHash) {
        return new ServiceAccountRecord(id, accountName, name, description, userName, newKeyId, newSecretHash, created, version);
    }

    public ServiceAccountRecord withUser(String newUserName) {
        return new ServiceAccountRecord(id, accountName, name, description, newUserName, keyId, secretHash, created, version);
    }

    public ServiceAccountRecord withVersion(long newVersion) {
        return new ServiceAccountRecord(id, accountName, name, description, userName, keyId, secretHash, created, newVersion);
    }

    /** Never prints the hash: it is not the secret, but nothing gains from showing it. */
    @Override
    public String toString() {
        return "ServiceAccountRecord[id=" + id + ", accountName=" + accountName + ", name=" + name + ", userName=" + userName
                + ", keyId=" + keyId + ", version=" + version + "]";
    }
}
