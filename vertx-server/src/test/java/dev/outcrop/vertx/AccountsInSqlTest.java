package dev.outcrop.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.vertx.config.AuthMode;
import dev.outcrop.vertx.config.ServerConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code CREATE ACCOUNT} and {@code DROP ACCOUNT} over HTTP with service-account tokens: only the organisation's
 * administrators (account_admin members of the served account) may run them; a new account is usable at once through
 * the administrator credentials CREATE ACCOUNT answers; a dropped one takes its identities with it.
 */
final class AccountsInSqlTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORG = ServerConfig.DEFAULT_ACCOUNT;
    private static OutcropServer server;
    private static HttpClient http;
    private static String base;
    private static String orgAdmin;
    private static String orgMember;

    @BeforeAll
    static void start() throws Exception {
        server = OutcropServer.start(ServerConfig.builder().port(0).authMode(AuthMode.SERVICE_ACCOUNTS).keyRecheck(Duration.ZERO).build(),
                new DemoModule());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        base = "http://127.0.0.1:" + server.port();
        Outcrop outcrop = server.injector().getInstance(Outcrop.class);
        // The organisation's administrator and an ordinary member, as the configuration's principal would make them.
        orgAdmin = token(bootstrap(outcrop, "org_ops", "GRANT ROLE account_admin TO USER org_ops_user"));
        orgMember = token(bootstrap(outcrop, "org_member"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String[] bootstrap(Outcrop outcrop, String name, String... more) {
        var session = outcrop.openSession(ORG, ServerConfig.DEFAULT_PRINCIPAL);
        session.execute("CREATE SERVICE ACCOUNT " + name).toCompletableFuture().join();
        session.execute("CREATE USER " + name + "_user WITH SERVICE_ACCOUNT = " + name).toCompletableFuture().join();
        for (String statement : more) {
            session.execute(statement).toCompletableFuture().join();
        }
        QueryResult key = session.execute("CALL fb_GENERATESERVICEACCOUNTKEY('" + name + "')").toCompletableFuture().join();
        return new String[] {(String) key.value(0, 1), (String) key.value(0, 2)};
    }

    private static HttpResponse<String> tokenRequest(String clientId, String secret) throws Exception {
        String form = "client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "&client_secret="
                + URLEncoder.encode(secret, StandardCharsets.UTF_8) + "&grant_type=client_credentials";
        return http.send(HttpRequest.newBuilder(URI.create(base + "/oauth/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String[] credentials) throws Exception {
        HttpResponse<String> response = tokenRequest(credentials[0], credentials[1]);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static HttpResponse<String> query(String token, String sql) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/query?output_format=JSON_Compact")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(sql)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void refused(HttpResponse<String> response, int status, String name, String saying) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("errors").get(0).path("name").asText()).isEqualTo(name);
        assertThat(body.path("message").asText()).contains(saying);
    }

    @Test
    void anOrganisationAdmin_createsAnAccount_thatIsUsableAtOnce_andDropsIt() throws Exception {
        JsonNode created = ok(query(orgAdmin, "CREATE ACCOUNT dev WITH REGION = 'eu-west-1'"));
        JsonNode row = created.path("data").get(0);
        assertThat(created.path("meta").findValuesAsText("name")).containsExactly("account_name", "region", "trust_policy_role", "user_name",
                "service_account_name", "service_account_id", "secret");
        assertThat(row.get(0).asText()).isEqualTo("dev");
        assertThat(row.get(1).asText()).isEqualTo("eu-west-1");
        assertThat(row.get(2).asText()).isEqualTo("arn:aws:iam::111122223333:role/outcrop-demo-dev");
        assertThat(row.get(3).asText()).isEqualTo("org_ops_user");

        // The new account's first administrator: a token for it, then a service account and user of its own.
        String devAdmin = token(new String[] {row.get(5).asText(), row.get(6).asText()});
        JsonNode key = ok(query(devAdmin, "CREATE SERVICE ACCOUNT app; CREATE USER app_user WITH SERVICE_ACCOUNT = app;"
                + " CALL fb_GENERATESERVICEACCOUNTKEY('app')"));
        String app = token(new String[] {key.path("data").get(0).get(1).asText(), key.path("data").get(0).get(2).asText()});
        JsonNode accounts = ok(query(app, "SELECT account_name, region FROM information_schema.accounts"));
        assertThat(accounts.path("data").toString()).isEqualTo("[[\"dev\",\"eu-west-1\"]]");
        HttpResponse<String> engine = http.send(HttpRequest.newBuilder(URI.create(base + "/web/v3/account/dev/engineUrl"))
                .header("Authorization", "Bearer " + app).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(engine.statusCode()).as(engine.body()).isEqualTo(200);
        // The organisation's own account does not see the new account's objects.
        assertThat(ok(query(orgAdmin, "SELECT service_account_name FROM information_schema.service_accounts")).path("data").toString())
                .doesNotContain("app");

        refused(query(orgAdmin, "CREATE ACCOUNT dev"), 400, "ACCOUNT_ALREADY_EXISTS", "'dev' already exists");
        ok(query(orgAdmin, "CREATE ACCOUNT IF NOT EXISTS dev"));

        ok(query(orgAdmin, "DROP ACCOUNT dev"));
        assertThat(query(app, "SELECT 1").statusCode()).isEqualTo(401);
        assertThat(tokenRequest(row.get(5).asText(), row.get(6).asText()).statusCode()).isEqualTo(401);
        refused(query(orgAdmin, "DROP ACCOUNT dev"), 404, "ACCOUNT_NOT_FOUND", "'dev' does not exist");
        ok(query(orgAdmin, "DROP ACCOUNT IF EXISTS dev"));
        // The name is free again, and the new account starts empty.
        JsonNode again = ok(query(orgAdmin, "CREATE ACCOUNT dev"));
        String devAgain = token(new String[] {again.path("data").get(0).get(5).asText(), again.path("data").get(0).get(6).asText()});
        assertThat(ok(query(devAgain, "SELECT service_account_name FROM information_schema.service_accounts")).path("data").toString())
                .isEqualTo("[[\"account_admin\"]]");
        assertThat(again.path("data").get(0).get(1).asText()).isEqualTo("us-east-1");
        ok(query(orgAdmin, "DROP ACCOUNT dev"));
    }

    @Test
    void onlyTheOrganisationsAdministrators_createOrDropAccounts() throws Exception {
        refused(query(orgMember, "CREATE ACCOUNT nope"), 403, "PERMISSION_DENIED", "account_admin in the organisation's account 'my_account'");
        JsonNode made = ok(query(orgAdmin, "CREATE ACCOUNT team"));
        String teamAdmin = token(new String[] {made.path("data").get(0).get(5).asText(), made.path("data").get(0).get(6).asText()});

        // An account's own administrator is not the organisation's.
        refused(query(teamAdmin, "CREATE ACCOUNT nope"), 403, "PERMISSION_DENIED", "the organisation's account");
        refused(query(teamAdmin, "DROP ACCOUNT team"), 403, "PERMISSION_DENIED", "the organisation's account");
        refused(query(orgMember, "DROP ACCOUNT team"), 403, "PERMISSION_DENIED", "the organisation's account");
        refused(query(orgAdmin, "DROP ACCOUNT my_account"), 400, "INVALID_ARGUMENT", "the organisation's own");
        refused(query(orgAdmin, "CREATE ACCOUNT x WITH REGION us"), 400, "SQL_SYNTAX_ERROR", "after REGION");
        ok(query(orgAdmin, "DROP ACCOUNT team"));
    }

    @Test
    void droppingAnAccount_whileItsModelCallIsInFlight_leavesNoTokenUsageUnderItsName() throws Exception {
        JsonNode created = ok(query(orgAdmin, "CREATE ACCOUNT leasing"));
        String admin = token(new String[] {created.path("data").get(0).get(5).asText(), created.path("data").get(0).get(6).asText()});
        ok(query(admin, "CREATE LOCATION keys WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'"
                + " AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' )"));
        CatalogStore store = server.injector().getInstance(CatalogStore.class);
        BedrockEmulator emulator = server.injector().getInstance(BedrockEmulator.class);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofSeconds(5)).build());
        try {
            CompletableFuture<HttpResponse<String>> running = http.sendAsync(HttpRequest.newBuilder(URI.create(base
                            + "/query?output_format=JSON_Compact&query_id=leasing-call")).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + admin)
                    .POST(HttpRequest.BodyPublishers.ofString("SELECT AI_QUERY('amazon.nova-micro-v1:0', 'slow', 'keys') AS answer")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (int i = 0; i < 600 && store.usage("leasing", today) == 0; i++) {
                Thread.sleep(20);
            }
            assertThat(store.usage("leasing", today)).as("the call's lease is in the catalog").isPositive();

            // The emulator holds the call for seconds; the drop takes milliseconds. The call then ends well, using a few
            // tokens of its lease, and its row is answered only once the ledger has settled it (and written what it writes).
            ok(query(orgAdmin, "DROP ACCOUNT leasing"));
            HttpResponse<String> answered = running.join();

            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);

            assertThat(store.usage("leasing", today)).as("nothing was written back under the dropped account's name").isZero();
        }
        finally {
            emulator.faults().setAll(FaultSpec.NONE);
        }
    }
}
