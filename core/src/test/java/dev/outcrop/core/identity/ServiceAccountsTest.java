package dev.outcrop.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.Session;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.expression.StringLiteral;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.security.SealingKeys;
import dev.outcrop.core.statement.CallProcedure;
import dev.outcrop.core.statement.CreatePrincipal;
import dev.outcrop.core.statement.CreateServiceAccount;
import dev.outcrop.core.statement.DropPrincipal;
import dev.outcrop.core.statement.DropServiceAccount;
import dev.outcrop.core.statement.PrincipalKind;
import dev.outcrop.core.statement.Relation;
import dev.outcrop.core.statement.Select;
import dev.outcrop.core.statement.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Service accounts through Outcrop's API, as an account admin manages them in SQL and as the server
 * checks them: a secret shown once and kept only as a hash, a key whose replacement or deletion ends
 * the tokens issued under it, and a user whose privileges the requests get.
 */
final class ServiceAccountsTest {

    private static final String ACCOUNT = "acme";
    private final InMemoryCatalogStore catalog = new InMemoryCatalogStore();
    private final Outcrop outcrop = Outcrop.builder().catalog(catalog).sealingKeys(SealingKeys.ephemeral())
            .statementParser(sql -> { throw new UnsupportedOperationException(); }).build();

    {
        outcrop.createAccount(new AccountSpec(ACCOUNT, "us-east-1", "arn:aws:iam::123456789012:role/Trust", 1000L), "admin");
    }

    @AfterEach
    void close() {
        outcrop.close();
    }

    private QueryResult run(String principal, Statement statement) {
        Session session = outcrop.openSession(ACCOUNT, principal);
        try {
            return session.execute(statement).toCompletableFuture().join();
        }
        catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    private static CallProcedure call(String procedure, String serviceAccount) {
        return new CallProcedure(Identifier.of(procedure), List.of(new StringLiteral(serviceAccount)));
    }

    /** Creates reporter, its user report_user, and a key; returns the key's row. */
    private QueryResult reporterWithKey() {
        run("admin", new CreateServiceAccount(Identifier.of("reporter"), false, "dashboards"));
        run("admin", new CreatePrincipal(PrincipalKind.USER, Identifier.of("report_user"), false, Identifier.of("reporter")));
        return run("admin", call("fb_generateserviceaccountkey", "reporter"));
    }

    private Optional<ServiceAccountIdentity> authenticate(String clientId, String secret) {
        return outcrop.authenticateServiceAccount(clientId, secret).toCompletableFuture().join();
    }

    @Test
    void aGeneratedKeyAuthenticatesAsTheLinkedUserAndIsStoredOnlyAsAHash() {
        QueryResult key = reporterWithKey();

        assertThat(key.columns()).extracting(c -> c.name()).containsExactly("service_account_name", "service_account_id", "secret");
        String id = (String) key.value(0, 1);
        String secret = (String) key.value(0, 2);
        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
        var stored = catalog.findServiceAccountById(id).orElseThrow();
        assertThat(stored.secretHash()).startsWith("pbkdf2-sha256$600000$").doesNotContain(secret);
        assertThat(stored.toString()).doesNotContain(stored.secretHash());

        ServiceAccountIdentity identity = authenticate(id, secret).orElseThrow();
        assertThat(identity.accountName()).isEqualTo(ACCOUNT);
        assertThat(identity.userName()).isEqualTo("report_user");
        assertThat(identity.keyId()).isEqualTo(stored.keyId());
        assertThat(outcrop.serviceAccountKey(id, identity.keyId()).toCompletableFuture().join()).contains(identity);
    }

    @Test
    void aWrongSecretOrUnknownIdProvesNothing() {
        String id = (String) reporterWithKey().value(0, 1);

        assertThat(authenticate(id, "not-the-secret")).isEmpty();
        assertThat(authenticate("0123456789abcdef0123456789abcdef", "whatever")).isEmpty();
    }

    @Test
    void aNewKeyEndsTheOldOneAndDeletingTheKeyEndsIt() {
        QueryResult first = reporterWithKey();
        String id = (String) first.value(0, 1);
        String oldKey = authenticate(id, (String) first.value(0, 2)).orElseThrow().keyId();

        QueryResult second = run("admin", call("fb_generateserviceaccountkey", "reporter"));

        assertThat(second.value(0, 1)).isEqualTo(id);
        assertThat(authenticate(id, (String) first.value(0, 2))).isEmpty();
        assertThat(outcrop.serviceAccountKey(id, oldKey).toCompletableFuture().join()).isEmpty();
        String newKey = authenticate(id, (String) second.value(0, 2)).orElseThrow().keyId();

        run("admin", call("fb_deleteserviceaccountkey", "reporter"));

        assertThat(outcrop.serviceAccountKey(id, newKey).toCompletableFuture().join()).isEmpty();
        assertThat(authenticate(id, (String) second.value(0, 2))).isEmpty();
    }

    @Test
    void aServiceAccountWithoutUserOrWhoseUserWasDroppedProvesNothing() {
        run("admin", new CreateServiceAccount(Identifier.of("loner"), false, null));
        QueryResult key = run("admin", call("fb_generateserviceaccountkey", "loner"));
        assertThat(authenticate((String) key.value(0, 1), (String) key.value(0, 2))).isEmpty();

        QueryResult reporter = reporterWithKey();
        run("admin", new DropPrincipal(PrincipalKind.USER, Identifier.of("report_user"), false));
        // A user created again under the same name must not inherit the service account.
        run("admin", new CreatePrincipal(PrincipalKind.USER, Identifier.of("report_user"), false));
        assertThat(authenticate((String) reporter.value(0, 1), (String) reporter.value(0, 2))).isEmpty();
    }

    @Test
    void droppingTheServiceAccountEndsItsKey() {
        QueryResult key = reporterWithKey();
        run("admin", new DropServiceAccount(Identifier.of("reporter"), false));

        assertThat(authenticate((String) key.value(0, 1), (String) key.value(0, 2))).isEmpty();
        assertThatThrownBy(() -> run("admin", new DropServiceAccount(Identifier.of("reporter"), false)))
                .isInstanceOf(OutcropException.class).extracting(e -> ((OutcropException) e).errorCode().name())
                .isEqualTo(OutcropErrorCode.SERVICE_ACCOUNT_NOT_FOUND.name());
        assertThat(run("admin", new DropServiceAccount(Identifier.of("reporter"), true)).statusMessage()).contains("nothing done");
    }

    @Test
    void onlyAnAccountAdminManagesServiceAccounts() {
        run("admin", new CreatePrincipal(PrincipalKind.USER, Identifier.of("bob"), false));
        run("admin", new CreateServiceAccount(Identifier.of("reporter"), false, null));

        for (Statement statement : List.of(new CreateServiceAccount(Identifier.of("mine"), false, null),
                call("fb_generateserviceaccountkey", "reporter"), new DropServiceAccount(Identifier.of("reporter"), false))) {
            assertThatThrownBy(() -> run("bob", statement)).isInstanceOf(OutcropException.class)
                    .hasMessageContaining("account_admin");
        }
    }

    @Test
    void createTwiceNeedsIfNotExists_andAUserNeedsAServiceAccountThatExists() {
        run("admin", new CreateServiceAccount(Identifier.of("reporter"), false, null));

        assertThatThrownBy(() -> run("admin", new CreateServiceAccount(Identifier.of("reporter"), false, null)))
                .hasMessageContaining("already exists").hasMessageContaining("IF NOT EXISTS");
        run("admin", new CreateServiceAccount(Identifier.of("reporter"), true, null));
        assertThatThrownBy(() -> run("admin", new CreatePrincipal(PrincipalKind.USER, Identifier.of("u"), false, Identifier.of("nobody"))))
                .hasMessageContaining("service account 'nobody' does not exist");
        assertThat(catalog.findPrincipal(ACCOUNT, "u")).isEmpty();
    }

    @Test
    void aServiceAccountActsAsOneUser_aSecondIsRefusedAndNotCreated() {
        run("admin", new CreateServiceAccount(Identifier.of("reporter"), false, null));
        run("admin", new CreatePrincipal(PrincipalKind.USER, Identifier.of("first"), false, Identifier.of("reporter")));

        assertThatThrownBy(() -> run("admin", new CreatePrincipal(PrincipalKind.USER, Identifier.of("second"), false, Identifier.of("reporter"))))
                .hasMessageContaining("already acts as user 'first'");
        assertThat(catalog.findPrincipal(ACCOUNT, "second")).isEmpty();
        assertThat(catalog.findServiceAccount(ACCOUNT, "reporter").orElseThrow().userName()).isEqualTo("first");
    }

    @Test
    void informationSchemaListsServiceAccountsWithoutSecrets_toAdminsAllAndToOthersTheirOwn() {
        reporterWithKey();
        run("admin", new CreateServiceAccount(Identifier.of("loader"), false, null));
        Select select = new Select(List.of(new dev.outcrop.core.statement.SelectItem.AllColumns()),
                new Relation.TableName(List.of(Identifier.of("information_schema"), Identifier.of("service_accounts"))), null, null);

        QueryResult all = run("admin", select);
        assertThat(all.columns()).extracting(c -> c.name()).containsExactly("service_account_id", "service_account_name",
                "service_account_description", "is_organization_admin", "is_enabled", "created", "user_name", "has_key");
        assertThat(all.rows()).extracting(row -> row.get(1)).containsExactly("loader", "reporter");
        assertThat(all.rows()).extracting(row -> row.get(7)).containsExactly(false, true);

        QueryResult own = run("report_user", select);
        assertThat(own.rows()).extracting(row -> row.get(1)).containsExactly("reporter");
    }

    @Test
    void unknownProceduresAndBadArgumentsAreNamed() {
        assertThatThrownBy(() -> run("admin", call("fb_nosuchthing", "x"))).hasMessageContaining("fb_nosuchthing")
                .hasMessageContaining("fb_GENERATESERVICEACCOUNTKEY");
        assertThatThrownBy(() -> run("admin", new CallProcedure(Identifier.of("fb_generateserviceaccountkey"), List.of())))
                .hasMessageContaining("one argument");
    }
}
