package dev.outcrop.catalog.testkit;

import static dev.outcrop.catalog.testkit.CatalogFixtures.account;
import static dev.outcrop.catalog.testkit.CatalogFixtures.fullLocation;
import static dev.outcrop.catalog.testkit.CatalogFixtures.location;
import static dev.outcrop.catalog.testkit.CatalogFixtures.role;
import static dev.outcrop.catalog.testkit.CatalogFixtures.sealed;
import static dev.outcrop.catalog.testkit.CatalogFixtures.usageOnLocation;
import static dev.outcrop.catalog.testkit.CatalogFixtures.user;
import static dev.outcrop.catalog.testkit.CatalogFixtures.withCredentials;
import static dev.outcrop.catalog.testkit.CatalogFixtures.withDescription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogException.Reason;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.GrantRecord;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.PrincipalRecord;
import dev.outcrop.catalog.spi.RoleMembership;
import dev.outcrop.catalog.spi.SealingKeyRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executable contract of {@link CatalogStore}. An implementation's test extends this class and
 * implements {@link #createStore()}; every test then runs against a fresh, empty store.
 *
 * <pre>{@code
 * final class MyCatalogStoreContractTest extends CatalogStoreContractTest {
 *     protected CatalogStore createStore() {
 *         return new MyCatalogStore(...);   // empty, private to this test
 *     }
 * }
 * }</pre>
 *
 * <p>Test methods are public so that subclasses in any package run them. Concurrency tests use
 * {@link #RACERS} threads and wait at most {@link Race#TIMEOUT_SECONDS}; they never assert a duration.
 */
public abstract class CatalogStoreContractTest {

    /** How many threads race in the concurrency tests. */
    protected static final int RACERS = 8;

    protected static final String ACCOUNT = "acme";
    protected static final String OTHER_ACCOUNT = "globex";
    protected static final LocalDate DAY = LocalDate.of(2026, 3, 14);

    /** The store under test; created before each test, destroyed after it. */
    protected CatalogStore store;

    /** Creates an empty store that no other test uses. Called once before each test. */
    protected abstract CatalogStore createStore();

    /** Closes the store after each test; override to also drop what it left behind (a schema, a file). */
    protected void destroyStore(CatalogStore storeUnderTest) {
        storeUnderTest.close();
    }

    @BeforeEach
    public final void createStoreUnderTest() {
        store = createStore();
    }

    @AfterEach
    public final void destroyStoreUnderTest() {
        if (store != null) {
            destroyStore(store);
        }
    }

    // ---- accounts --------------------------------------------------------------------------

    @Test
    public void createAccount_new_isStoredWithVersionOne() {
        AccountRecord created = store.createAccount(account(ACCOUNT).withVersion(7));

        assertThat(created).isEqualTo(account(ACCOUNT).withVersion(1));
        assertThat(store.findAccount(ACCOUNT)).contains(created);
    }

    @Test
    public void createAccount_existingName_failsWithAlreadyExistsAndKeepsTheFirst() {
        AccountRecord first = store.createAccount(account(ACCOUNT));

        assertFailsWith(Reason.ALREADY_EXISTS, () -> store.createAccount(account(ACCOUNT).withLlmTokenBudget(99)));
        assertThat(store.findAccount(ACCOUNT)).contains(first);
    }

    @Test
    public void account_externalId_isStoredAndCanBeSetLater() {
        AccountRecord without = store.createAccount(account(ACCOUNT));
        AccountRecord with = store.createAccount(account(OTHER_ACCOUNT).withExternalId("outcrop-ext-0123456789abcdef"));

        assertThat(without.externalId()).isNull();
        assertThat(store.findAccount(OTHER_ACCOUNT)).contains(with);
        assertThat(with.externalId()).isEqualTo("outcrop-ext-0123456789abcdef");
        AccountRecord updated = store.updateAccount(without.withExternalId("outcrop-ext-fedcba9876543210"));
        assertThat(updated.externalId()).isEqualTo("outcrop-ext-fedcba9876543210");
        assertThat(store.findAccount(ACCOUNT)).contains(updated);
    }

    @Test
    public void findAccount_unknown_isEmpty() {
        store.createAccount(account(ACCOUNT));

        assertThat(store.findAccount("nobody")).isEmpty();
        assertThat(store.findAccount(ACCOUNT.toUpperCase())).as("names are compared exactly").isEmpty();
    }

    @Test
    public void listAccounts_isOrderedByName() {
        store.createAccount(account("b"));
        store.createAccount(account("a"));
        store.createAccount(account("C"));

        assertThat(store.listAccounts()).extracting(AccountRecord::accountName).containsExactly("C", "a", "b");
    }

    @Test
    public void deleteAccount_removesItAndEverythingUnderIt_andNothingOfAnotherAccount() {
        for (String name : new String[] {ACCOUNT, OTHER_ACCOUNT}) {
            store.createAccount(account(name));
            store.createLocation(location(name, "loc"));
            store.createPrincipal(user(name, "alice"));
            store.createPrincipal(role(name, "analyst"));
            store.addRoleMembership(new dev.outcrop.catalog.spi.RoleMembership(name, "analyst", "alice"));
            store.addGrant(usageOnLocation(name, "loc", "analyst"));
            store.addUsage(name, DAY, 42);
        }

        store.deleteAccount(ACCOUNT);

        assertThat(store.findAccount(ACCOUNT)).isEmpty();
        assertThat(store.listLocations(ACCOUNT)).isEmpty();
        assertThat(store.listPrincipals(ACCOUNT)).isEmpty();
        assertThat(store.listRoleMemberships(ACCOUNT)).isEmpty();
        assertThat(store.listGrants(ACCOUNT)).isEmpty();
        assertThat(store.usage(ACCOUNT, DAY)).isZero();
        assertThat(store.findAccount(OTHER_ACCOUNT)).isPresent();
        assertThat(store.listLocations(OTHER_ACCOUNT)).hasSize(1);
        assertThat(store.listPrincipals(OTHER_ACCOUNT)).hasSize(2);
        assertThat(store.listRoleMemberships(OTHER_ACCOUNT)).hasSize(1);
        assertThat(store.listGrants(OTHER_ACCOUNT)).hasSize(1);
        assertThat(store.usage(OTHER_ACCOUNT, DAY)).isEqualTo(42);
        // The name can be used again, and the new account starts empty.
        store.createAccount(account(ACCOUNT));
        assertThat(store.listLocations(ACCOUNT)).isEmpty();
        assertFailsWith(Reason.NOT_FOUND, () -> store.deleteAccount("nobody"));
    }

    @Test
    public void updateAccount_currentVersion_replacesAndIncrementsVersion() {
        AccountRecord created = store.createAccount(account(ACCOUNT));

        AccountRecord updated = store.updateAccount(created.withLlmTokenBudget(5_000));

        assertThat(updated).isEqualTo(created.withLlmTokenBudget(5_000).withVersion(2));
        assertThat(store.findAccount(ACCOUNT)).contains(updated);
    }

    @Test
    public void updateAccount_staleVersion_failsWithVersionConflictAndChangesNothing() {
        AccountRecord created = store.createAccount(account(ACCOUNT));
        AccountRecord updated = store.updateAccount(created.withLlmTokenBudget(1));

        assertFailsWith(Reason.VERSION_CONFLICT, () -> store.updateAccount(created.withLlmTokenBudget(2)));
        assertThat(store.findAccount(ACCOUNT)).contains(updated);
    }

    @Test
    public void updateAccount_unknown_failsWithNotFound() {
        assertFailsWith(Reason.NOT_FOUND, () -> store.updateAccount(account("nobody")));
        assertThat(store.listAccounts()).isEmpty();
    }

    // ---- locations: create, find, list -----------------------------------------------------

    @Test
    public void createLocation_new_isStoredWithVersionOneAndEveryField() {
        LocationRecord full = fullLocation(ACCOUNT, "raw_files").withVersion(42);
        LocationRecord minimal = location(ACCOUNT, "bedrock");

        LocationRecord createdFull = store.createLocation(full);
        LocationRecord createdMinimal = store.createLocation(minimal);

        assertThat(createdFull).isEqualTo(full.withVersion(1));
        assertThat(createdMinimal).isEqualTo(minimal.withVersion(1));
        assertThat(store.findLocation(ACCOUNT, "raw_files")).contains(createdFull);
        assertThat(store.findLocation(ACCOUNT, "bedrock")).contains(createdMinimal);
    }

    @Test
    public void createLocation_existingName_failsWithAlreadyExistsAndKeepsTheFirst() {
        LocationRecord first = store.createLocation(location(ACCOUNT, "bedrock"));

        assertFailsWith(Reason.ALREADY_EXISTS, () -> store.createLocation(fullLocation(ACCOUNT, "bedrock")));
        assertThat(store.findLocation(ACCOUNT, "bedrock")).contains(first);
    }

    @Test
    public void createLocation_existingId_failsWithAlreadyExists() {
        LocationRecord first = store.createLocation(location(ACCOUNT, "bedrock"));

        assertFailsWith(Reason.ALREADY_EXISTS, () -> store.createLocation(first.withName("another")));
        assertThat(store.listLocations(ACCOUNT)).containsExactly(first);
    }

    @Test
    public void createLocation_sameNameInAnotherAccount_isIndependent() {
        LocationRecord mine = store.createLocation(location(ACCOUNT, "bedrock"));
        LocationRecord theirs = store.createLocation(fullLocation(OTHER_ACCOUNT, "bedrock"));

        assertThat(store.findLocation(ACCOUNT, "bedrock")).contains(mine);
        assertThat(store.findLocation(OTHER_ACCOUNT, "bedrock")).contains(theirs);
    }

    @Test
    public void createLocation_createdTime_readsBackAsReturned() {
        Instant withNanos = Instant.parse("2026-03-14T15:09:26.535897932Z");
        LocationRecord given = new LocationRecord("id-" + System.nanoTime(), ACCOUNT, "timed", "AMAZON_BEDROCK", null, null, null,
                "owner_user", withNanos, sealed("x"), 1);

        LocationRecord created = store.createLocation(given);

        assertThat(created.created()).as("a store may truncate to microseconds, no further")
                .isBetween(withNanos.truncatedTo(ChronoUnit.MICROS), withNanos);
        assertThat(store.findLocation(ACCOUNT, "timed")).contains(created);
    }

    @Test
    public void createLocation_sealedCredentials_areKeptExactly() {
        String largeCiphertext = "A".repeat(16_384) + "+/=";
        LocationRecord given = withCredentials(location(ACCOUNT, "big"), new dev.outcrop.catalog.spi.SealedSecret("key-7", largeCiphertext));

        store.createLocation(given);

        assertThat(store.findLocation(ACCOUNT, "big")).get()
                .extracting(LocationRecord::credentials)
                .isEqualTo(new dev.outcrop.catalog.spi.SealedSecret("key-7", largeCiphertext));
    }

    @Test
    public void createLocation_quotedNamesWithAnyCharacter_roundTripExactly() {
        List<String> names = List.of("My Location", "MyLocation", "mylocation", "o'brien", "say \"hi\"", "semi;colon -- x",
                "ünïcødé ☃ 𝄞", "tab\there", "x".repeat(128));
        for (String name : names) {
            store.createLocation(location(ACCOUNT, name));
        }

        for (String name : names) {
            assertThat(store.findLocation(ACCOUNT, name)).as(name).get().extracting(LocationRecord::locationName).isEqualTo(name);
        }
        assertThat(store.listLocations(ACCOUNT)).extracting(LocationRecord::locationName)
                .containsExactlyElementsOf(names.stream().sorted().toList());
    }

    @Test
    public void createLocation_veryLongName_isStoredOrRefusedAsInvalid() {
        String name = "n".repeat(10_000);

        assertStoredOrInvalid(() -> store.createLocation(location(ACCOUNT, name)),
                () -> assertThat(store.findLocation(ACCOUNT, name)).isPresent(),
                () -> assertThat(store.listLocations(ACCOUNT)).isEmpty());
    }

    @Test
    public void createLocation_nameWithNulCharacter_isStoredOrRefusedAsInvalid() {
        String name = "nul\u0000inside";

        assertStoredOrInvalid(() -> store.createLocation(location(ACCOUNT, name)),
                () -> assertThat(store.findLocation(ACCOUNT, name)).get().extracting(LocationRecord::locationName).isEqualTo(name),
                () -> assertThat(store.listLocations(ACCOUNT)).isEmpty());
    }

    @Test
    public void findLocation_unknownOrOtherAccount_isEmpty() {
        store.createLocation(location(ACCOUNT, "bedrock"));

        assertThat(store.findLocation(ACCOUNT, "nothing")).isEmpty();
        assertThat(store.findLocation(OTHER_ACCOUNT, "bedrock")).isEmpty();
        assertThat(store.findLocation(ACCOUNT, "Bedrock")).as("names are compared exactly").isEmpty();
    }

    @Test
    public void listLocations_holdsOnlyTheAccountsOrderedByName() {
        LocationRecord b = store.createLocation(location(ACCOUNT, "b"));
        LocationRecord a = store.createLocation(location(ACCOUNT, "a"));
        LocationRecord upper = store.createLocation(location(ACCOUNT, "Z"));
        store.createLocation(location(OTHER_ACCOUNT, "a0"));

        assertThat(store.listLocations(ACCOUNT)).containsExactly(upper, a, b);
        assertThat(store.listLocations("empty")).isEmpty();
    }

    // ---- locations: update -----------------------------------------------------------------

    @Test
    public void updateLocation_currentVersion_replacesAndIncrementsVersion() {
        LocationRecord created = store.createLocation(location(ACCOUNT, "bedrock"));
        LocationRecord changed = withCredentials(withDescription(created, "rotated"), sealed("new ciphertext"));

        LocationRecord updated = store.updateLocation(changed);

        assertThat(updated).isEqualTo(changed.withVersion(2));
        assertThat(store.findLocation(ACCOUNT, "bedrock")).contains(updated);
    }

    @Test
    public void updateLocation_staleVersion_failsWithVersionConflictAndChangesNothing() {
        LocationRecord created = store.createLocation(location(ACCOUNT, "bedrock"));
        LocationRecord updated = store.updateLocation(withDescription(created, "first"));

        assertFailsWith(Reason.VERSION_CONFLICT, () -> store.updateLocation(withDescription(created, "second")));
        assertThat(store.findLocation(ACCOUNT, "bedrock")).contains(updated);
    }

    @Test
    public void updateLocation_unknown_failsWithNotFound() {
        assertFailsWith(Reason.NOT_FOUND, () -> store.updateLocation(location(ACCOUNT, "nothing")));
        assertThat(store.listLocations(ACCOUNT)).isEmpty();
    }

    @Test
    public void updateLocation_droppedAndCreatedAgainSinceRead_failsWithVersionConflict() {
        LocationRecord old = store.createLocation(location(ACCOUNT, "bedrock"));
        store.deleteLocation(ACCOUNT, "bedrock", old.version());
        LocationRecord recreated = store.createLocation(location(ACCOUNT, "bedrock"));

        assertThat(recreated.version()).isEqualTo(old.version());
        assertFailsWith(Reason.VERSION_CONFLICT, () -> store.updateLocation(withDescription(old, "stale")));
        assertThat(store.findLocation(ACCOUNT, "bedrock")).contains(recreated);
    }

    // ---- locations: rename -----------------------------------------------------------------

    @Test
    public void renameLocation_currentVersion_movesItKeepingIdAndIncrementingVersion() {
        LocationRecord created = store.createLocation(fullLocation(ACCOUNT, "old_name"));

        LocationRecord renamed = store.renameLocation(ACCOUNT, "old_name", "new_name", created.version());

        assertThat(renamed).isEqualTo(created.withName("new_name").withVersion(2));
        assertThat(store.findLocation(ACCOUNT, "new_name")).contains(renamed);
        assertThat(store.findLocation(ACCOUNT, "old_name")).isEmpty();
        assertThat(store.listLocations(ACCOUNT)).containsExactly(renamed);
    }

    @Test
    public void renameLocation_toTakenName_failsWithAlreadyExistsAndChangesNothing() {
        LocationRecord source = store.createLocation(location(ACCOUNT, "source"));
        LocationRecord target = store.createLocation(location(ACCOUNT, "target"));

        assertFailsWith(Reason.ALREADY_EXISTS, () -> store.renameLocation(ACCOUNT, "source", "target", source.version()));
        assertThat(store.listLocations(ACCOUNT)).containsExactly(source, target);
    }

    @Test
    public void renameLocation_toItsOwnName_failsWithAlreadyExists() {
        LocationRecord source = store.createLocation(location(ACCOUNT, "same"));

        assertFailsWith(Reason.ALREADY_EXISTS, () -> store.renameLocation(ACCOUNT, "same", "same", source.version()));
        assertThat(store.findLocation(ACCOUNT, "same")).contains(source);
    }

    @Test
    public void renameLocation_toNameTakenInAnotherAccount_succeeds() {
        LocationRecord source = store.createLocation(location(ACCOUNT, "source"));
        LocationRecord theirs = store.createLocation(location(OTHER_ACCOUNT, "target"));

        LocationRecord renamed = store.renameLocation(ACCOUNT, "source", "target", source.version());

        assertThat(store.findLocation(ACCOUNT, "target")).contains(renamed);
        assertThat(store.findLocation(OTHER_ACCOUNT, "target")).contains(theirs);
    }

    @Test
    public void renameLocation_staleVersion_failsWithVersionConflictEvenIfTheNameIsTaken() {
        LocationRecord created = store.createLocation(location(ACCOUNT, "source"));
        LocationRecord updated = store.updateLocation(withDescription(created, "changed"));
        store.createLocation(location(ACCOUNT, "taken"));

        assertFailsWith(Reason.VERSION_CONFLICT, () -> store.renameLocation(ACCOUNT, "source", "free", created.version()));
        assertFailsWith(Reason.VERSION_CONFLICT, () -> store.renameLocation(ACCOUNT, "source", "taken", created.version()));
        assertThat(store.findLocation(ACCOUNT, "source")).contains(updated);
        assertThat(store.findLocation(ACCOUNT, "free")).isEmpty();
    }

    @Test
    public void renameLocation_unknown_failsWithNotFoundEvenIfTheNewNameIsTaken() {
        store.createLocation(location(ACCOUNT, "taken"));

        assertFailsWith(Reason.NOT_FOUND, () -> store.renameLocation(ACCOUNT, "nothing", "free", 1));
        assertFailsWith(Reason.NOT_FOUND, () -> store.renameLocation(ACCOUNT, "nothing", "taken", 1));
        assertThat(store.listLocations(ACCOUNT)).extracting(LocationRecord::locationName).containsExactly("taken");
    }

    @Test
    public void renameLocation_movesTheGrantsOnItAndNoOthers() {
        LocationRecord created = store.createLocation(location(ACCOUNT, "old_name"));
        store.createLocation(location(ACCOUNT, "other"));
        store.addGrant(usageOnLocation(ACCOUNT, "old_name", "analyst"));
        store.addGrant(new GrantRecord(ACCOUNT, "MODIFY", "LOCATION", "old_name", "admin"));
        store.addGrant(usageOnLocation(ACCOUNT, "other", "analyst"));
        store.addGrant(usageOnLocation(OTHER_ACCOUNT, "old_name", "analyst"));
        store.addGrant(new GrantRecord(ACCOUNT, "CREATE LOCATION", "ACCOUNT", "old_name", "analyst"));

        store.renameLocation(ACCOUNT, "old_name", "new_name", created.version());

        assertThat(store.listGrants(ACCOUNT)).containsExactlyInAnyOrder(
                usageOnLocation(ACCOUNT, "new_name", "analyst"),
                new GrantRecord(ACCOUNT, "MODIFY", "LOCATION", "new_name", "admin"),
                usageOnLocation(ACCOUNT, "other", "analyst"),
                new GrantRecord(ACCOUNT, "CREATE LOCATION", "ACCOUNT", "old_name", "analyst"));
        assertThat(store.listGrants(OTHER_ACCOUNT)).containsExactly(usageOnLocation(OTHER_ACCOUNT, "old_name", "analyst"));
    }

    @Test
    public void renameLocation_doesNotInheritGrantsLeftOnTheNewName() {
        LocationRecord created = store.createLocation(location(ACCOUNT, "old_name"));
        store.addGrant(usageOnLocation(ACCOUNT, "new_name", "leftover"));
        store.addGrant(usageOnLocation(ACCOUNT, "old_name", "analyst"));

        store.renameLocation(ACCOUNT, "old_name", "new_name", created.version());

        assertThat(store.listGrants(ACCOUNT)).containsExactly(usageOnLocation(ACCOUNT, "new_name", "analyst"));
    }

    // ---- locations: delete -----------------------------------------------------------------

    @Test
    public void deleteLocation_currentVersion_removesItAndTheGrantsOnIt() {
        LocationRecord created = store.createLocation(location(ACCOUNT, "bedrock"));
        LocationRecord kept = store.createLocation(location(ACCOUNT, "kept"));
        store.addGrant(usageOnLocation(ACCOUNT, "bedrock", "analyst"));
        store.addGrant(usageOnLocation(ACCOUNT, "kept", "analyst"));

        store.deleteLocation(ACCOUNT, "bedrock", created.version());

        assertThat(store.findLocation(ACCOUNT, "bedrock")).isEmpty();
        assertThat(store.listLocations(ACCOUNT)).containsExactly(kept);
        assertThat(store.listGrants(ACCOUNT)).containsExactly(usageOnLocation(ACCOUNT, "kept", "analyst"));
    }

    @Test
    public void deleteLocation_staleVersion_failsWithVersionConflictAndKeepsIt() {
        LocationRecord created = store.createLocation(location(ACCOUNT, "bedrock"));
        LocationRecord updated = store.updateLocation(withDescription(created, "changed"));

        assertFailsWith(Reason.VERSION_CONFLICT, () -> store.deleteLocation(ACCOUNT, "bedrock", created.version()));
        assertThat(store.findLocation(ACCOUNT, "bedrock")).contains(updated);
    }

    @Test
    public void deleteLocation_unknown_failsWithNotFound() {
        store.createLocation(location(OTHER_ACCOUNT, "bedrock"));

        assertFailsWith(Reason.NOT_FOUND, () -> store.deleteLocation(ACCOUNT, "bedrock", 1));
        assertThat(store.listLocations(OTHER_ACCOUNT)).hasSize(1);
    }

    @Test
    public void createLocation_afterDelete_startsAgainAtVersionOne() {
        LocationRecord created = store.createLocation(location(ACCOUNT, "bedrock"));
        LocationRecord updated = store.updateLocation(withDescription(created, "v2"));
        store.deleteLocation(ACCOUNT, "bedrock", updated.version());

        LocationRecord again = store.createLocation(fullLocation(ACCOUNT, "bedrock"));

        assertThat(again.version()).isEqualTo(1);
        assertThat(store.findLocation(ACCOUNT, "bedrock")).contains(again);
    }

    // ---- locations: rename and delete exactly as read ----------------------------------------

    @Test
    public void renameLocationAsRead_current_renamesAndMovesGrants() {
        LocationRecord created = store.createLocation(location(ACCOUNT, "old_name"));
        store.addGrant(usageOnLocation(ACCOUNT, "old_name", "analyst"));

        LocationRecord renamed = store.renameLocation(created, "new_name");

        assertThat(renamed).isEqualTo(created.withName("new_name").withVersion(2));
        assertThat(store.listLocations(ACCOUNT)).containsExactly(renamed);
        assertThat(store.listGrants(ACCOUNT)).containsExactly(usageOnLocation(ACCOUNT, "new_name", "analyst"));
    }

    @Test
    public void renameLocationAsRead_droppedAndCreatedAgainSinceRead_failsWithVersionConflict() {
        LocationRecord old = store.createLocation(location(ACCOUNT, "bedrock"));
        store.deleteLocation(ACCOUNT, "bedrock", old.version());
        LocationRecord recreated = store.createLocation(location(ACCOUNT, "bedrock"));

        assertFailsWith(Reason.VERSION_CONFLICT, () -> store.renameLocation(old, "elsewhere"));
        assertFailsWith(Reason.NOT_FOUND, () -> store.renameLocation(old.withName("missing"), "elsewhere"));
        assertThat(store.listLocations(ACCOUNT)).containsExactly(recreated);
    }

    @Test
    public void deleteLocationAsRead_current_deletes() {
        LocationRecord created = store.createLocation(location(ACCOUNT, "bedrock"));
        store.addGrant(usageOnLocation(ACCOUNT, "bedrock", "analyst"));

        store.deleteLocation(created);

        assertThat(store.listLocations(ACCOUNT)).isEmpty();
        assertThat(store.listGrants(ACCOUNT)).isEmpty();
    }

    @Test
    public void deleteLocationAsRead_droppedAndCreatedAgainSinceRead_failsWithVersionConflictAndKeepsTheNewOne() {
        LocationRecord old = store.createLocation(location(ACCOUNT, "bedrock"));
        store.deleteLocation(old);
        LocationRecord recreated = store.createLocation(location(ACCOUNT, "bedrock"));

        assertFailsWith(Reason.VERSION_CONFLICT, () -> store.deleteLocation(old));
        assertFailsWith(Reason.VERSION_CONFLICT, () -> store.deleteLocation(recreated.withVersion(5)));
        assertThat(store.findLocation(ACCOUNT, "bedrock")).contains(recreated);
    }

    // ---- principals, memberships, grants ---------------------------------------------------

    @Test
    public void createPrincipal_new_isFoundAndListedByName() {
        PrincipalRecord bob = store.createPrincipal(user(ACCOUNT, "bob"));
        PrincipalRecord analysts = store.createPrincipal(role(ACCOUNT, "analysts"));
        store.createPrincipal(user(OTHER_ACCOUNT, "carol"));

        assertThat(bob).isEqualTo(user(ACCOUNT, "bob"));
        assertThat(store.findPrincipal(ACCOUNT, "analysts")).contains(analysts);
        assertThat(store.findPrincipal(ACCOUNT, "carol")).isEmpty();
        assertThat(store.listPrincipals(ACCOUNT)).containsExactly(analysts, bob);
    }

    @Test
    public void createPrincipal_nameTakenByUserOrRole_failsWithAlreadyExists() {
        PrincipalRecord bob = store.createPrincipal(user(ACCOUNT, "bob"));

        assertFailsWith(Reason.ALREADY_EXISTS, () -> store.createPrincipal(role(ACCOUNT, "bob")));
        assertFailsWith(Reason.ALREADY_EXISTS, () -> store.createPrincipal(user(ACCOUNT, "bob")));
        assertThat(store.listPrincipals(ACCOUNT)).containsExactly(bob);
    }

    @Test
    public void deletePrincipal_removesItsGrantsAndMembershipsOnly() {
        store.createPrincipal(user(ACCOUNT, "bob"));
        store.createPrincipal(role(ACCOUNT, "analysts"));
        store.createPrincipal(role(ACCOUNT, "admins"));
        store.createPrincipal(user(ACCOUNT, "carol"));
        store.addRoleMembership(new RoleMembership(ACCOUNT, "analysts", "bob"));
        store.addRoleMembership(new RoleMembership(ACCOUNT, "admins", "analysts"));
        store.addRoleMembership(new RoleMembership(ACCOUNT, "admins", "carol"));
        store.addGrant(usageOnLocation(ACCOUNT, "bedrock", "analysts"));
        store.addGrant(usageOnLocation(ACCOUNT, "bedrock", "carol"));
        store.addGrant(usageOnLocation(OTHER_ACCOUNT, "bedrock", "analysts"));

        store.deletePrincipal(ACCOUNT, "analysts");

        assertThat(store.findPrincipal(ACCOUNT, "analysts")).isEmpty();
        assertThat(store.listPrincipals(ACCOUNT)).extracting(PrincipalRecord::name).containsExactly("admins", "bob", "carol");
        assertThat(store.listRoleMemberships(ACCOUNT)).containsExactly(new RoleMembership(ACCOUNT, "admins", "carol"));
        assertThat(store.listGrants(ACCOUNT)).containsExactly(usageOnLocation(ACCOUNT, "bedrock", "carol"));
        assertThat(store.listGrants(OTHER_ACCOUNT)).containsExactly(usageOnLocation(OTHER_ACCOUNT, "bedrock", "analysts"));
    }

    @Test
    public void deletePrincipal_unknown_failsWithNotFound() {
        store.createPrincipal(user(OTHER_ACCOUNT, "bob"));

        assertFailsWith(Reason.NOT_FOUND, () -> store.deletePrincipal(ACCOUNT, "bob"));
        assertThat(store.findPrincipal(OTHER_ACCOUNT, "bob")).isPresent();
    }

    @Test
    public void roleMemberships_addTwiceKeepsOneRemoveAbsentChangesNothingAndListIsOrdered() {
        RoleMembership bobAnalyst = new RoleMembership(ACCOUNT, "analysts", "bob");
        RoleMembership aliceAnalyst = new RoleMembership(ACCOUNT, "analysts", "alice");
        RoleMembership bobAdmin = new RoleMembership(ACCOUNT, "admins", "bob");

        store.addRoleMembership(bobAnalyst);
        store.addRoleMembership(bobAnalyst);
        store.addRoleMembership(aliceAnalyst);
        store.addRoleMembership(bobAdmin);
        store.addRoleMembership(new RoleMembership(OTHER_ACCOUNT, "analysts", "bob"));
        store.removeRoleMembership(new RoleMembership(ACCOUNT, "nobody", "bob"));
        store.removeRoleMembership(bobAdmin);

        assertThat(store.listRoleMemberships(ACCOUNT)).containsExactly(aliceAnalyst, bobAnalyst);
    }

    @Test
    public void grants_addTwiceKeepsOneRemoveAbsentChangesNothingAndListIsOrdered() {
        GrantRecord usageBob = usageOnLocation(ACCOUNT, "bedrock", "bob");
        GrantRecord modifyBob = new GrantRecord(ACCOUNT, "MODIFY", "LOCATION", "bedrock", "bob");
        GrantRecord accountAlice = new GrantRecord(ACCOUNT, "USAGE ANY LOCATION", "ACCOUNT", ACCOUNT, "alice");
        GrantRecord usageAlice = usageOnLocation(ACCOUNT, "a_location", "alice");

        store.addGrant(usageBob);
        store.addGrant(modifyBob);
        store.addGrant(usageBob);
        store.addGrant(accountAlice);
        store.addGrant(usageAlice);
        store.addGrant(usageOnLocation(OTHER_ACCOUNT, "bedrock", "bob"));
        store.removeGrant(usageOnLocation(ACCOUNT, "nothing", "bob"));
        store.removeGrant(usageBob);
        store.addGrant(usageBob);
        store.removeGrant(modifyBob);

        assertThat(store.listGrants(ACCOUNT)).containsExactly(accountAlice, usageAlice, usageBob);
    }

    // ---- token usage -----------------------------------------------------------------------

    @Test
    public void usage_nothingCharged_isZero() {
        assertThat(store.usage(ACCOUNT, DAY)).isZero();
    }

    @Test
    public void addUsage_sumsPerAccountAndDayAndAcceptsCorrections() {
        assertThat(store.addUsage(ACCOUNT, DAY, 100)).isEqualTo(100);
        assertThat(store.addUsage(ACCOUNT, DAY, 250)).isEqualTo(350);
        assertThat(store.addUsage(ACCOUNT, DAY, -50)).as("a negative amount corrects an estimate").isEqualTo(300);
        store.addUsage(ACCOUNT, DAY.plusDays(1), 7);
        store.addUsage(OTHER_ACCOUNT, DAY, 9);

        assertThat(store.usage(ACCOUNT, DAY)).isEqualTo(300);
        assertThat(store.usage(ACCOUNT, DAY.plusDays(1))).isEqualTo(7);
        assertThat(store.usage(OTHER_ACCOUNT, DAY)).isEqualTo(9);
        assertThat(store.usage(ACCOUNT, DAY.minusDays(1))).isZero();
    }

    @Test
    public void addUsageWithinLimit_upToTheLimit_addsAndBeyondIt_refusesWithoutAdding() {
        assertThat(store.addUsageWithinLimit(ACCOUNT, DAY, 600, 1_000)).isEqualTo(OptionalLong.of(600));
        assertThat(store.addUsageWithinLimit(ACCOUNT, DAY, 401, 1_000)).isEmpty();
        assertThat(store.usage(ACCOUNT, DAY)).isEqualTo(600);
        assertThat(store.addUsageWithinLimit(ACCOUNT, DAY, 400, 1_000)).as("reaching the limit exactly is allowed")
                .isEqualTo(OptionalLong.of(1_000));
        assertThat(store.addUsageWithinLimit(ACCOUNT, DAY, 1, 1_000)).isEmpty();
        assertThat(store.usage(ACCOUNT, DAY)).isEqualTo(1_000);
    }

    @Test
    public void addUsageWithinLimit_onAFreshDay_refusesMoreThanTheLimit() {
        assertThat(store.addUsageWithinLimit(ACCOUNT, DAY, 11, 10)).isEmpty();
        assertThat(store.addUsageWithinLimit(ACCOUNT, DAY, 1, 0)).as("a budget of 0 refuses every call").isEmpty();
        assertThat(store.usage(ACCOUNT, DAY)).isZero();
        assertThat(store.addUsageWithinLimit(ACCOUNT, DAY, 10, 10)).isEqualTo(OptionalLong.of(10));
    }

    // ---- the error contract ----------------------------------------------------------------

    @Test
    public void failures_carryTheirReasonAndAreNotRetryable() {
        store.createAccount(account(ACCOUNT));
        LocationRecord created = store.createLocation(location(ACCOUNT, "bedrock"));
        store.updateLocation(created);

        CatalogException exists = failure(() -> store.createAccount(account(ACCOUNT)));
        CatalogException conflict = failure(() -> store.updateLocation(created));
        CatalogException missing = failure(() -> store.deleteLocation(ACCOUNT, "gone", 1));

        assertThat(List.of(exists, conflict, missing)).extracting(CatalogException::reason)
                .containsExactly(Reason.ALREADY_EXISTS, Reason.VERSION_CONFLICT, Reason.NOT_FOUND);
        assertThat(List.of(exists, conflict, missing)).allSatisfy(e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).isNotBlank();
        });
        assertThat(missing.getMessage()).contains("gone");
    }

    @Test
    public void failures_neverRevealTheSealedPayload() {
        LocationRecord created = store.createLocation(withCredentials(location(ACCOUNT, "bedrock"), sealed("top secret")));
        String payload = created.credentials().payload();

        CatalogException exists = failure(() -> store.createLocation(created));
        CatalogException conflict = failure(() -> store.updateLocation(created.withVersion(9)));

        assertThat(exists.getMessage()).doesNotContain(payload);
        assertThat(conflict.getMessage()).doesNotContain(payload);
    }

    @Test
    public void nullArguments_areRefusedWithNullPointerException() {
        assertThatThrownBy(() -> store.findAccount(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.findLocation(ACCOUNT, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.createLocation(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.renameLocation(ACCOUNT, "a", null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.addUsage(ACCOUNT, null, 1)).isInstanceOf(NullPointerException.class);
    }

    // ---- change sequence -------------------------------------------------------------------

    @Test
    public void changeSequence_ifOffered_growsWithEveryCatalogWriteAndNotWithFailuresOrUsage() {
        if (store.changeSequence().isEmpty()) {
            return; // optional: without it a cache expires entries instead; nothing more to check
        }
        List<Runnable> writes = List.of(
                () -> store.createAccount(account(ACCOUNT)),
                () -> store.updateAccount(account(ACCOUNT)),
                () -> store.createLocation(location(ACCOUNT, "a")),
                () -> store.updateLocation(store.findLocation(ACCOUNT, "a").orElseThrow()),
                () -> store.renameLocation(ACCOUNT, "a", "b", 2),
                () -> store.deleteLocation(ACCOUNT, "b", 3),
                () -> store.createPrincipal(user(ACCOUNT, "bob")),
                () -> store.addRoleMembership(new RoleMembership(ACCOUNT, "r", "bob")),
                () -> store.removeRoleMembership(new RoleMembership(ACCOUNT, "r", "bob")),
                () -> store.addGrant(usageOnLocation(ACCOUNT, "a", "bob")),
                () -> store.removeGrant(usageOnLocation(ACCOUNT, "a", "bob")),
                () -> store.deletePrincipal(ACCOUNT, "bob"));
        long previous = store.changeSequence().getAsLong();
        for (int i = 0; i < writes.size(); i++) {
            writes.get(i).run();
            long now = store.changeSequence().getAsLong();
            assertThat(now).as("after write #%d", i).isGreaterThan(previous);
            previous = now;
        }

        assertFailsWith(Reason.ALREADY_EXISTS, () -> store.createAccount(account(ACCOUNT)));
        store.addUsage(ACCOUNT, DAY, 10);
        store.addUsageWithinLimit(ACCOUNT, DAY, 10, 100);

        assertThat(store.changeSequence().getAsLong()).isEqualTo(previous);
    }

    // ---- concurrency -----------------------------------------------------------------------

    @Test
    public void createLocation_racingOnOneName_exactlyOneWins() {
        for (int round = 0; round < 10; round++) {
            String name = "contested_" + round;
            List<String> outcomes = Race.run(RACERS, racer -> {
                try {
                    store.createLocation(withDescription(location(ACCOUNT, name), "racer " + racer));
                    return "won";
                }
                catch (CatalogException e) {
                    assertThat(e.reason()).as("a losing racer's reason").isEqualTo(Reason.ALREADY_EXISTS);
                    return "lost";
                }
            });

            assertThat(outcomes).filteredOn("won"::equals).hasSize(1);
            LocationRecord stored = store.findLocation(ACCOUNT, name).orElseThrow();
            assertThat(stored.version()).isEqualTo(1);
        }
        assertThat(store.listLocations(ACCOUNT)).hasSize(10);
    }

    @Test
    public void createAccount_racingOnOneName_exactlyOneWins() {
        List<Boolean> won = Race.run(RACERS, racer -> {
            try {
                store.createAccount(account(ACCOUNT).withLlmTokenBudget(racer));
                return true;
            }
            catch (CatalogException e) {
                assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS);
                return false;
            }
        });

        assertThat(won).filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(store.listAccounts()).hasSize(1);
    }

    @Test
    public void updateLocation_concurrentCompareAndSet_losesNoUpdate() {
        store.createLocation(withDescription(location(ACCOUNT, "counter"), "0"));
        int incrementsPerRacer = 25;

        Race.run(RACERS, racer -> {
            for (int done = 0; done < incrementsPerRacer; ) {
                LocationRecord current = store.findLocation(ACCOUNT, "counter").orElseThrow();
                LocationRecord next = withDescription(current, String.valueOf(Integer.parseInt(current.description()) + 1));
                try {
                    store.updateLocation(next);
                    done++;
                }
                catch (CatalogException e) {
                    assertThat(e.reason()).isEqualTo(Reason.VERSION_CONFLICT);
                }
            }
            return null;
        });

        LocationRecord last = store.findLocation(ACCOUNT, "counter").orElseThrow();
        assertThat(last.description()).isEqualTo(String.valueOf(RACERS * incrementsPerRacer));
        assertThat(last.version()).isEqualTo(1 + RACERS * incrementsPerRacer);
    }

    @Test
    public void updateAccount_concurrentCompareAndSet_losesNoUpdate() {
        store.createAccount(account(ACCOUNT));
        int incrementsPerRacer = 25;

        Race.run(RACERS, racer -> {
            for (int done = 0; done < incrementsPerRacer; ) {
                AccountRecord current = store.findAccount(ACCOUNT).orElseThrow();
                try {
                    store.updateAccount(current.withLlmTokenBudget(current.llmTokenBudget() + 1));
                    done++;
                }
                catch (CatalogException e) {
                    assertThat(e.reason()).isEqualTo(Reason.VERSION_CONFLICT);
                }
            }
            return null;
        });

        AccountRecord last = store.findAccount(ACCOUNT).orElseThrow();
        assertThat(last.llmTokenBudget()).isEqualTo(RACERS * incrementsPerRacer);
        assertThat(last.version()).isEqualTo(1 + RACERS * incrementsPerRacer);
    }

    @Test
    public void renameLocation_racingWithTheSameVersion_exactlyOneWins() {
        for (int round = 0; round < 5; round++) {
            LocationRecord created = store.createLocation(location(ACCOUNT, "source_" + round));
            int currentRound = round;
            List<Boolean> won = Race.run(RACERS, racer -> {
                try {
                    store.renameLocation(ACCOUNT, created.locationName(), "target_" + currentRound + "_" + racer, created.version());
                    return true;
                }
                catch (CatalogException e) {
                    assertThat(e.reason()).isIn(Reason.NOT_FOUND, Reason.VERSION_CONFLICT);
                    return false;
                }
            });

            assertThat(won).filteredOn(Boolean::booleanValue).hasSize(1);
            int winner = won.indexOf(true);
            assertThat(store.findLocation(ACCOUNT, "target_" + round + "_" + winner)).get()
                    .extracting(LocationRecord::id).isEqualTo(created.id());
        }
        assertThat(store.listLocations(ACCOUNT)).hasSize(5);
    }

    @Test
    public void renameLocation_racingToOneTargetName_leavesExactlyOneThere() {
        List<LocationRecord> sources = IntStream.range(0, RACERS)
                .mapToObj(i -> store.createLocation(location(ACCOUNT, "source_" + i)))
                .toList();

        List<Boolean> won = Race.run(RACERS, racer -> {
            try {
                store.renameLocation(ACCOUNT, "source_" + racer, "target", 1);
                return true;
            }
            catch (CatalogException e) {
                assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS);
                return false;
            }
        });

        assertThat(won).filteredOn(Boolean::booleanValue).hasSize(1);
        int winner = won.indexOf(true);
        assertThat(store.findLocation(ACCOUNT, "target")).get().extracting(LocationRecord::id).isEqualTo(sources.get(winner).id());
        assertThat(store.listLocations(ACCOUNT)).hasSize(RACERS);
    }

    @Test
    public void createAndDelete_churningOnOverlappingNames_leaveAConsistentCatalog() {
        int operationsPerRacer = 40;
        AtomicInteger unexpected = new AtomicInteger();

        Race.run(RACERS, racer -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < operationsPerRacer; i++) {
                String name = "churn_" + random.nextInt(3);
                try {
                    if (random.nextBoolean()) {
                        store.createLocation(location(ACCOUNT, name));
                    }
                    else {
                        LocationRecord current = store.findLocation(ACCOUNT, name).orElse(null);
                        if (current != null) {
                            store.deleteLocation(ACCOUNT, name, current.version());
                        }
                    }
                }
                catch (CatalogException e) {
                    if (!List.of(Reason.ALREADY_EXISTS, Reason.NOT_FOUND, Reason.VERSION_CONFLICT).contains(e.reason())) {
                        unexpected.incrementAndGet();
                        throw e;
                    }
                }
            }
            return null;
        });

        assertThat(unexpected).hasValue(0);
        List<LocationRecord> listed = store.listLocations(ACCOUNT);
        assertThat(listed).extracting(LocationRecord::locationName).doesNotHaveDuplicates();
        for (LocationRecord location : listed) {
            assertThat(store.findLocation(ACCOUNT, location.locationName())).contains(location);
        }
    }

    @Test
    public void deleteLocationAsRead_racingWithDropAndCreate_dropsEachLocationAtMostOnce() {
        List<List<String>> droppedPerRacer = Race.run(RACERS, racer -> {
            List<String> dropped = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                try {
                    LocationRecord current = store.findLocation(ACCOUNT, "recycled").orElse(null);
                    if (current == null) {
                        store.createLocation(location(ACCOUNT, "recycled"));
                    }
                    else {
                        store.deleteLocation(current);
                        dropped.add(current.id());
                    }
                }
                catch (CatalogException e) {
                    assertThat(e.reason()).isIn(Reason.ALREADY_EXISTS, Reason.NOT_FOUND, Reason.VERSION_CONFLICT);
                }
            }
            return dropped;
        });

        List<String> allDropped = droppedPerRacer.stream().flatMap(List::stream).toList();
        assertThat(allDropped).as("a location reported dropped by two racers means one dropped a location it never read")
                .doesNotHaveDuplicates();
        assertThat(allDropped).isNotEmpty();
        store.findLocation(ACCOUNT, "recycled").ifPresent(survivor -> assertThat(allDropped).doesNotContain(survivor.id()));
    }

    @Test
    public void addUsage_concurrently_sumsExactly() {
        int addsPerRacer = 50;

        List<Long> sums = Race.run(RACERS, racer -> {
            long sum = 0;
            for (int i = 0; i < addsPerRacer; i++) {
                long tokens = 1 + ThreadLocalRandom.current().nextInt(1_000);
                store.addUsage(ACCOUNT, DAY, tokens);
                sum += tokens;
            }
            return sum;
        });

        assertThat(store.usage(ACCOUNT, DAY)).isEqualTo(sums.stream().mapToLong(Long::longValue).sum());
    }

    @Test
    public void addUsageWithinLimit_concurrently_neverExceedsTheLimit() {
        long limit = 1_000;
        long tokensPerCall = 7;

        List<Integer> accepted = Race.run(RACERS, racer -> {
            int count = 0;
            for (int i = 0; i < 30; i++) {
                OptionalLong total = store.addUsageWithinLimit(ACCOUNT, DAY, tokensPerCall, limit);
                if (total.isPresent()) {
                    assertThat(total.getAsLong()).isLessThanOrEqualTo(limit);
                    count++;
                }
            }
            return count;
        });

        long acceptedCalls = accepted.stream().mapToInt(Integer::intValue).sum();
        assertThat(store.usage(ACCOUNT, DAY)).isEqualTo(acceptedCalls * tokensPerCall)
                .isLessThanOrEqualTo(limit)
                .as("calls were refused only once the next one no longer fitted")
                .isGreaterThan(limit - tokensPerCall);
    }

    // ---- sealing keys ----------------------------------------------------------------------

    private static final Instant REGISTERED = Instant.parse("2026-03-14T09:26:53.589793Z");

    @Test
    public void registerSealingKey_new_isStoredAndListedByKeyId() {
        SealingKeyRecord k2 = new SealingKeyRecord("k2", "verifier-of-k2", REGISTERED);
        SealingKeyRecord k1 = new SealingKeyRecord("k1", "verifier-of-k1", REGISTERED);

        assertThat(store.registerSealingKey(k2)).isEqualTo(k2);
        assertThat(store.registerSealingKey(k1)).isEqualTo(k1);

        assertThat(store.listSealingKeys()).containsExactly(k1, k2);
    }

    @Test
    public void registerSealingKey_knownKeyId_keepsAndReturnsTheFirstVerifier() {
        SealingKeyRecord first = store.registerSealingKey(new SealingKeyRecord("k1", "verifier-of-the-right-key", REGISTERED));

        SealingKeyRecord answer = store.registerSealingKey(new SealingKeyRecord("k1", "verifier-of-a-wrong-key", REGISTERED.plusSeconds(60)));

        assertThat(answer).as("the caller learns the verifier registered first, to compare with its own").isEqualTo(first);
        assertThat(store.listSealingKeys()).containsExactly(first);
    }

    @Test
    public void registerSealingKey_doesNotMoveTheChangeSequence() {
        OptionalLong before = store.changeSequence();

        store.registerSealingKey(new SealingKeyRecord("k1", "verifier", REGISTERED));

        assertThat(store.changeSequence()).isEqualTo(before);
    }

    @Test
    public void deleteSealingKey_forgetsTheKeyIdSoAnotherKeyMayTakeIt() {
        store.registerSealingKey(new SealingKeyRecord("k1", "old", REGISTERED));

        assertThat(store.deleteSealingKey("k1")).isTrue();
        assertThat(store.deleteSealingKey("k1")).as("deleting twice").isFalse();
        assertThat(store.listSealingKeys()).isEmpty();
        SealingKeyRecord replacement = new SealingKeyRecord("k1", "new", REGISTERED);
        assertThat(store.registerSealingKey(replacement)).isEqualTo(replacement);
    }

    @Test
    public void registerSealingKey_racingServersWithDifferentKeys_allLearnTheOneThatWon() {
        List<SealingKeyRecord> answers = Race.run(RACERS, racer ->
                store.registerSealingKey(new SealingKeyRecord("k1", "verifier-" + racer, REGISTERED)));

        assertThat(answers).as("one verifier wins, and every racer is told the same one").containsOnly(answers.get(0));
        assertThat(store.listSealingKeys()).containsExactly(answers.get(0));
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** Asserts that the call fails with a {@link CatalogException} of the given reason. */
    protected static void assertFailsWith(Reason reason, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.reason())
                        .as("reason of: %s", e.getMessage())
                        .isEqualTo(reason));
    }

    protected static CatalogException failure(ThrowingCallable call) {
        CatalogException e = catchThrowableOfType(CatalogException.class, call);
        assertThat(e).as("expected a CatalogException").isNotNull();
        return e;
    }

    /** For limits a store may or may not have: either the write succeeds and reads back, or it is INVALID and changed nothing. */
    private static void assertStoredOrInvalid(Runnable write, Runnable whenStored, Runnable whenRefused) {
        try {
            write.run();
        }
        catch (CatalogException e) {
            assertThat(e.reason()).as("a store that cannot hold the input must say INVALID: %s", e.getMessage())
                    .isEqualTo(Reason.INVALID);
            whenRefused.run();
            return;
        }
        whenStored.run();
    }
}
