package dev.outcrop.core.internal.credentials;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.SealedSecret;
import dev.outcrop.core.error.InvocationException;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.location.AccessKeyCredentials;
import dev.outcrop.core.location.RoleCredentials;
import dev.outcrop.core.port.AssumeRoleRequest;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.CredentialsProvider;
import dev.outcrop.core.port.RoleAssumer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

final class CredentialResolverTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final AccountRecord ACCOUNT = new AccountRecord("acct", "us-east-1", "arn:aws:iam::111122223333:role/trust", 100, START, 1);

    /** Answers AssumeRole only when the test says so, and records every request. */
    private static final class ManualSts implements RoleAssumer {
        final List<AssumeRoleRequest> requests = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<AwsCredentials>> pending = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<AwsCredentials> assumeRole(AssumeRoleRequest request) {
            requests.add(request);
            CompletableFuture<AwsCredentials> answer = new CompletableFuture<>();
            pending.add(answer);
            return answer;
        }

        void answerAll(Instant expiration) {
            for (CompletableFuture<AwsCredentials> answer : new ArrayList<>(pending)) {
                pending.remove(answer);
                answer.complete(new AwsCredentials("ASIA" + requests.size(), "secret", "token", expiration));
            }
        }

        long count(String roleArn) {
            return requests.stream().filter(r -> r.roleArn().equals(roleArn)).count();
        }
    }

    private final TestClock clock = new TestClock(START);
    private final ManualSts sts = new ManualSts();
    private final CredentialResolver resolver = new CredentialResolver(sts,
            CredentialsProvider.fixed(AwsCredentials.of("AKIADEPLOYMENT", "deployment-secret")), clock, Duration.ofMinutes(5), Duration.ofHours(1));

    private static ResolvedLocation roleLocation(long version) {
        LocationRecord record = new LocationRecord("id-1", "acct", "loc", "AMAZON_BEDROCK", null, null, null, "admin", START,
                new SealedSecret("k", "x"), version);
        return new ResolvedLocation(record, new RoleCredentials("arn:aws:iam::123456789012:role/Customer", "ext"), "us-east-1");
    }

    /** Answers the trust principal's call, then the customer role's, as STS would in turn. */
    private void answerChain(Instant expiration) {
        sts.answerAll(expiration);
        sts.answerAll(expiration);
    }

    @Test
    void accessKeys_areUsedAsTheyAre_withoutSts() {
        LocationRecord record = roleLocation(1).record();
        ResolvedLocation keys = new ResolvedLocation(record, new AccessKeyCredentials("AKIAKEY", "s", "t"), "us-east-1");

        AwsCredentials credentials = resolver.resolve(ACCOUNT, keys).join();

        assertThat(credentials).isEqualTo(new AwsCredentials("AKIAKEY", "s", "t", null));
        assertThat(sts.requests).isEmpty();
    }

    @Test
    void role_isAssumedThroughTheTrustPrincipal_withTheExternalId() {
        CompletableFuture<AwsCredentials> result = resolver.resolve(ACCOUNT, roleLocation(1));
        answerChain(START.plus(Duration.ofHours(1)));

        assertThat(result.join().accessKeyId()).startsWith("ASIA");
        assertThat(sts.requests).hasSize(2);
        AssumeRoleRequest trust = sts.requests.get(0);
        AssumeRoleRequest customer = sts.requests.get(1);
        assertThat(trust.roleArn()).isEqualTo(ACCOUNT.trustPolicyRole());
        assertThat(trust.callerCredentials().accessKeyId()).isEqualTo("AKIADEPLOYMENT");
        assertThat(customer.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/Customer");
        assertThat(customer.externalId()).isEqualTo("ext");
        assertThat(customer.sessionName()).isEqualTo("outcrop-acct-loc");
        assertThat(customer.callerCredentials().accessKeyId()).isEqualTo("ASIA1");
    }

    @Test
    void concurrentFirstCalls_shareOneAssumption() {
        List<CompletableFuture<AwsCredentials>> results = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            results.add(resolver.resolve(ACCOUNT, roleLocation(1)));
        }
        answerChain(START.plus(Duration.ofHours(1)));

        assertThat(results).allSatisfy(result -> assertThat(result.join()).isEqualTo(results.get(0).join()));
        assertThat(sts.count("arn:aws:iam::123456789012:role/Customer")).isEqualTo(1);
        assertThat(sts.count(ACCOUNT.trustPolicyRole())).isEqualTo(1);
    }

    @Test
    void nearExpiry_oneRefreshStarts_whileTheOldCredentialsStillServe() {
        resolver.resolve(ACCOUNT, roleLocation(1));
        answerChain(START.plus(Duration.ofHours(1)));
        AwsCredentials first = resolver.resolve(ACCOUNT, roleLocation(1)).join();

        clock.advance(Duration.ofMinutes(56));
        AwsCredentials during = resolver.resolve(ACCOUNT, roleLocation(1)).join();
        resolver.resolve(ACCOUNT, roleLocation(1));
        assertThat(during).as("the old credentials serve while the refresh runs").isEqualTo(first);
        assertThat(sts.count("arn:aws:iam::123456789012:role/Customer")).as("one refresh for both callers").isEqualTo(2);

        answerChain(START.plus(Duration.ofHours(2)));
        AwsCredentials after = resolver.resolve(ACCOUNT, roleLocation(1)).join();
        assertThat(after).isNotEqualTo(first);
        assertThat(sts.count("arn:aws:iam::123456789012:role/Customer")).isEqualTo(2);
    }

    @Test
    void aNewVersion_isANewCacheEntry_andInvalidateForgetsTheOld() {
        resolver.resolve(ACCOUNT, roleLocation(1));
        answerChain(START.plus(Duration.ofHours(1)));

        resolver.resolve(ACCOUNT, roleLocation(2));
        sts.answerAll(START.plus(Duration.ofHours(1)));
        assertThat(sts.count("arn:aws:iam::123456789012:role/Customer")).isEqualTo(2);

        resolver.invalidate("id-1", 1);
        resolver.resolve(ACCOUNT, roleLocation(2));
        assertThat(sts.count("arn:aws:iam::123456789012:role/Customer")).isEqualTo(3);
    }

    @Test
    void anAssumptionInFlightDuringAnInvalidation_neverPutsTheRetiredVersionBack() {
        CompletableFuture<AwsCredentials> inFlight = resolver.resolve(ACCOUNT, roleLocation(1));
        resolver.invalidate("id-1", 1);
        answerChain(START.plus(Duration.ofHours(1)));
        assertThat(inFlight.join()).as("the caller that asked before the change still gets an answer").isNotNull();

        resolver.resolve(ACCOUNT, roleLocation(1));
        sts.answerAll(START.plus(Duration.ofHours(1)));
        resolver.resolve(ACCOUNT, roleLocation(1));
        sts.answerAll(START.plus(Duration.ofHours(1)));
        assertThat(sts.count("arn:aws:iam::123456789012:role/Customer"))
                .as("a retired version is never served from the cache: each late caller assumes the role itself").isEqualTo(3);

        resolver.resolve(ACCOUNT, roleLocation(2));
        sts.answerAll(START.plus(Duration.ofHours(1)));
        resolver.resolve(ACCOUNT, roleLocation(2));
        assertThat(sts.count("arn:aws:iam::123456789012:role/Customer")).as("the new version is cached as usual").isEqualTo(4);
    }

    @Test
    void aFailure_isReportedWithTheRole_andNotCached() {
        CompletableFuture<AwsCredentials> failed = resolver.resolve(ACCOUNT, roleLocation(1));
        sts.pending.get(0).completeExceptionally(new InvocationException(OutcropErrorCode.ROLE_ASSUMPTION_FAILED, "AccessDenied", 403, false,
                "User is not authorized", null));

        assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(InvocationException.class)
                .hasMessageStartingWith("STS AccessDenied (403) assuming role 'arn:aws:iam::111122223333:role/trust' for the trust principal of account 'acct'")
                .hasMessageNotContaining("deployment-secret");

        resolver.resolve(ACCOUNT, roleLocation(1));
        assertThat(sts.count(ACCOUNT.trustPolicyRole())).as("the next call tries again").isEqualTo(2);
    }

    @Test
    void withoutSts_roleLocationsFailWithAHint() {
        CredentialResolver bare = new CredentialResolver(null, null, clock, Duration.ofMinutes(5), Duration.ofHours(1));

        assertThatThrownBy(() -> bare.resolve(ACCOUNT, roleLocation(1)).join())
                .hasMessageContaining("role locations need STS")
                .hasMessageContaining("use a location with access keys");
    }
}
