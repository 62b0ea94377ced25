package dev.outcrop.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.identity.ServiceAccountIdentity;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.security.SealingKeys;
import dev.outcrop.vertx.auth.AccessTokens;
import dev.outcrop.vertx.config.AuthMode;
import dev.outcrop.vertx.config.ServerConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The authenticated mode over real HTTP, the way Firebolt's SDKs use it: a service account's id and
 * secret become a token at {@code POST /oauth/token}, and every query runs as that service account's user
 * in its account, so accounts stay apart and privileges apply.
 */
final class ServiceAccountHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = ServerConfig.DEFAULT_ACCOUNT;
    private static final String OTHER = "other_account";
    private static final String SEED_CALL = "SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', "
            + "$${\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}]}$$, 'bedrock_role') AS result";

    private static OutcropServer server;
    private static Outcrop outcrop;
    private static HttpClient http;
    private static String base;

    @BeforeAll
    static void start() {
        server = OutcropServer.start(ServerConfig.builder().port(0).authMode(AuthMode.SERVICE_ACCOUNTS).keyRecheck(Duration.ZERO).build(),
                new DemoModule());
        outcrop = server.injector().getInstance(Outcrop.class);
        // Accounts never share a trust principal (issue 12): the second one gets its own, which no emulator role trusts.
        outcrop.createAccount(new AccountSpec(OTHER, BedrockClientConfig.DEFAULT_REGION, "arn:aws:iam::111122223333:role/outcrop-" + OTHER, 1000L),
                "other_admin");
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        base = "http://127.0.0.1:" + server.port();
        admin(ACCOUNT, "admin", "CREATE LOCATION bedrock_role WITH SOURCE = AMAZON_BEDROCK"
                + " CREDENTIALS = ( AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess' )");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static QueryResult admin(String account, String principal, String sql) {
        return outcrop.openSession(account, principal).execute(sql).toCompletableFuture().join();
    }

    /** Creates a service account acting as a new user, with the given extra statements for the user; returns {id, secret}. */
    private static String[] serviceAccount(String account, String principal, String name, String... grants) {
        admin(account, principal, "CREATE SERVICE ACCOUNT " + name);
        admin(account, principal, "CREATE USER " + name + "_user WITH SERVICE_ACCOUNT = " + name);
        for (String grant : grants) {
            admin(account, principal, grant.replace("$user", name + "_user"));
        }
        QueryResult key = admin(account, principal, "CALL fb_GENERATESERVICEACCOUNTKEY('" + name + "')");
        return new String[] {(String) key.value(0, 1), (String) key.value(0, 2)};
    }

    private static HttpResponse<String> tokenRequest(String clientId, String secret) throws Exception {
        String form = "client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "&client_secret="
                + URLEncoder.encode(secret, StandardCharsets.UTF_8) + "&grant_type=client_credentials&audience=https%3A%2F%2Fapi.firebolt.io";
        return http.send(HttpRequest.newBuilder(URI.create(base + "/oauth/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String[] credentials) throws Exception {
        HttpResponse<String> response = tokenRequest(credentials[0], credentials[1]);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static HttpResponse<String> query(String token, String sql) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/query?output_format=JSON_Compact"))
                .timeout(Duration.ofSeconds(60)).header("Firebolt-Protocol-Version", "2.3").POST(HttpRequest.BodyPublishers.ofString(sql));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertUnauthorized(HttpResponse<String> response, String saying) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("errors").get(0).path("name").asText()).isEqualTo("AUTHENTICATION_FAILED");
        assertThat(body.path("message").asText()).contains(saying);
    }

    @Test
    void theSdksFlow_tokenThenEngineUrlThenQueriesAsTheServiceAccountsUser() throws Exception {
        String[] credentials = serviceAccount(ACCOUNT, "admin", "flow_sa", "GRANT ROLE account_admin TO USER $user");
        HttpResponse<String> tokenResponse = tokenRequest(credentials[0], credentials[1]);

        assertThat(tokenResponse.statusCode()).isEqualTo(200);
        JsonNode token = JSON.readTree(tokenResponse.body());
        assertThat(token.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.path("expires_in").asLong()).isEqualTo(3600);
        assertThat(tokenResponse.body()).doesNotContain(credentials[1]);
        String accessToken = token.path("access_token").asText();

        HttpResponse<String> engine = http.send(HttpRequest.newBuilder(URI.create(base + "/web/v3/account/" + ACCOUNT + "/engineUrl"))
                .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(engine.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(engine.body()).path("engineUrl").asText()).isEqualTo("127.0.0.1:" + server.port());
        HttpResponse<String> otherEngine = http.send(HttpRequest.newBuilder(URI.create(base + "/web/v3/account/" + OTHER + "/engineUrl"))
                .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(otherEngine.statusCode()).isEqualTo(404);

        HttpResponse<String> seed = query(accessToken, SEED_CALL);
        assertThat(seed.statusCode()).as(seed.body()).isEqualTo(200);
        assertThat(seed.body()).contains("Hello");
        HttpResponse<String> running = query(accessToken, "SELECT user_name FROM information_schema.engine_running_queries");
        assertThat(JSON.readTree(running.body()).path("data").get(0).get(0).asText()).isEqualTo("flow_sa_user");
    }

    @Test
    void aSecondAccountsTokenSeesNoneOfTheFirstAccountsLocationsAndCannotUseThem() throws Exception {
        String token = token(serviceAccount(OTHER, "other_admin", "other_sa", "GRANT ROLE account_admin TO USER $user"));

        HttpResponse<String> locations = query(token, "SELECT location_name FROM information_schema.locations");
        assertThat(locations.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(locations.body()).path("rows").asInt()).isZero();
        HttpResponse<String> call = query(token, SEED_CALL);
        assertThat(call.statusCode()).isEqualTo(404);
        assertThat(call.body()).contains("location 'bedrock_role' does not exist or you have no privilege on it");
    }

    @Test
    void aUserWithoutUsageCannotCall_andCanOnceGranted() throws Exception {
        String token = token(serviceAccount(ACCOUNT, "admin", "plain_sa"));

        HttpResponse<String> refused = query(token, SEED_CALL);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).contains("no privilege on it");

        admin(ACCOUNT, "admin", "CREATE ROLE callers");
        admin(ACCOUNT, "admin", "GRANT USAGE ON LOCATION bedrock_role TO callers");
        admin(ACCOUNT, "admin", "GRANT ROLE callers TO USER plain_sa_user");
        HttpResponse<String> allowed = query(token, SEED_CALL);
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
    }

    @Test
    void aDeletedOrReplacedKeyStopsWorking() throws Exception {
        String[] credentials = serviceAccount(ACCOUNT, "admin", "rotated_sa");
        String token = token(credentials);
        assertThat(query(token, "SELECT 1").statusCode()).isEqualTo(200);

        String[] replaced = {credentials[0], (String) admin(ACCOUNT, "admin", "CALL fb_GENERATESERVICEACCOUNTKEY('rotated_sa')").value(0, 2)};
        assertUnauthorized(query(token, "SELECT 1"), "deleted or replaced");
        assertUnauthorized(tokenRequest(credentials[0], credentials[1]), "do not match");
        String newToken = token(replaced);
        assertThat(query(newToken, "SELECT 1").statusCode()).isEqualTo(200);

        admin(ACCOUNT, "admin", "CALL fb_DELETESERVICEACCOUNTKEY('rotated_sa')");
        assertUnauthorized(query(newToken, "SELECT 1"), "deleted or replaced");
        assertUnauthorized(tokenRequest(replaced[0], replaced[1]), "do not match");
    }

    @Test
    void missingBadForgedAndExpiredTokensGet401() throws Exception {
        assertUnauthorized(query(null, "SELECT 1"), "needs an access token");
        assertUnauthorized(query("not-a-token", "SELECT 1"), "invalid or has expired");

        ServiceAccountIdentity identity = outcrop.authenticateServiceAccount(credentialsOfExpirySa()[0], credentialsOfExpirySa()[1])
                .toCompletableFuture().join().orElseThrow();
        SealingKeys keys = server.injector().getInstance(SealingKeys.class);
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        String expired = new AccessTokens(keys, twoHoursAgo, Duration.ofHours(1)).issue(identity);
        assertUnauthorized(query(expired, "SELECT 1"), "invalid or has expired");

        String valid = new AccessTokens(keys, Clock.systemUTC(), Duration.ofHours(1)).issue(identity);
        assertThat(query(valid, "SELECT 1").statusCode()).isEqualTo(200);
        String[] parts = valid.split("\\.");
        String otherAccount = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace(ACCOUNT, OTHER)
                        .getBytes(StandardCharsets.UTF_8));
        assertUnauthorized(query(parts[0] + "." + otherAccount + "." + parts[2], "SELECT 1"), "invalid or has expired");
        String otherDeployment = new AccessTokens(SealingKeys.ephemeral(), Clock.systemUTC(), Duration.ofHours(1)).issue(identity);
        assertUnauthorized(query(otherDeployment, "SELECT 1"), "invalid or has expired");
        assertUnauthorized(tokenRequest(identity.serviceAccountId(), "wrong-secret"), "do not match");
    }

    private static String[] expirySa;

    private static synchronized String[] credentialsOfExpirySa() {
        if (expirySa == null) {
            expirySa = serviceAccount(ACCOUNT, "admin", "expiry_sa");
        }
        return expirySa;
    }

    @Test
    void theUnauthenticatedRoutesStayClosed() throws Exception {
        HttpResponse<String> root = http.send(HttpRequest.newBuilder(URI.create(base + "/")).POST(HttpRequest.BodyPublishers.ofString("SELECT 1"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertUnauthorized(root, "needs an access token");
        HttpResponse<String> noForm = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("grant_type=password"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noForm.statusCode()).isEqualTo(400);
        assertThat(List.of(JSON.readTree(noForm.body()).path("message").asText())).allMatch(m -> m.contains("client_credentials"));
    }
}
