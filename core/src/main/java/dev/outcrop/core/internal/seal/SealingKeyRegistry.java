package dev.outcrop.core.internal.seal;

import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.SealingKeyRecord;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.security.SealingKeys;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a server's sealing keys against the catalog at start. The catalog holds a verifier per key id
 * ({@link KeyVerifier}); a key id seen for the first time is registered, and a key whose verifier differs
 * from the registered one is refused, before this server seals anything with it. Without this, a server
 * given the wrong key under a known id would start, fail every location sealed by the others, and seal
 * new ones that the others cannot read.
 */
public final class SealingKeyRegistry {

    private SealingKeyRegistry() {
    }

    /**
     * Registers the keys that are new to the catalog and checks the others. Blocking (one catalog write
     * per key).
     *
     * @throws OutcropException {@code SEALING_KEY_MISMATCH} naming every key id whose key is not the registered one
     */
    public static void check(CatalogStore store, SealingKeys keys, Clock clock) {
        if (keys.isEphemeral()) {
            return;
        }
        List<String> wrong = new ArrayList<>();
        for (String keyId : keys.keyIds()) {
            byte[] key = keys.key(keyId);
            try {
                SealingKeyRecord registered = store.registerSealingKey(new SealingKeyRecord(keyId, KeyVerifier.of(keyId, key), clock.instant()));
                if (!KeyVerifier.matches(keyId, key, registered.verifier())) {
                    wrong.add(keyId);
                }
            }
            finally {
                java.util.Arrays.fill(key, (byte) 0);
            }
        }
        if (!wrong.isEmpty()) {
            String ids = wrong.size() == 1 ? "sealing key '" + wrong.get(0) + "' is" : "sealing keys " + quoted(wrong) + " are";
            throw new OutcropException(OutcropErrorCode.SEALING_KEY_MISMATCH, "this server's " + ids
                    + " not the key that the catalog registered under the same id, so it could neither unseal the locations sealed with it"
                    + " nor seal anything the other servers can read; the server was not started. Configure the key that was first used as "
                    + quoted(wrong) + " (in " + SealingKeys.ENVIRONMENT_VARIABLE + " or " + SealingKeys.PROPERTY + "), or, for a new key,"
                    + " choose an id the catalog has not seen (key ids are never reused)");
        }
    }

    private static String quoted(List<String> ids) {
        return String.join(", ", ids.stream().map(id -> "'" + id + "'").toList());
    }
}
