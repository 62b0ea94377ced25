package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.Session;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.port.ConverseRequest;
import dev.outcrop.core.port.ConverseResponse;
import dev.outcrop.core.port.InvokeModelRequest;
import dev.outcrop.core.port.InvokeModelResponse;
import dev.outcrop.core.port.ModelRuntime;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.security.SealingKeys;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of CREATE/DROP USER and ROLE, GRANT and REVOKE (roles, USAGE and MODIFY on
 * locations, the account privileges), CREATE/ALTER/DROP LOCATION (OWNER TO included) and uses of
 * locations, run as SQL text by several principals through the parser and core on the in-memory
 * catalog. Every statement's outcome (success, or the error code of its refusal) is checked against
 * a small reference model of the privilege rules written here, from behaviours.md and Firebolt's
 * ownership rules, not from the implementation.
 *
 * <p>What is observed: the error code of every statement; USAGE through an AI call with a NULL
 * request (it checks the location and the privilege, then makes no call: the model runtime is a stub
 * that fails if called); MODIFY through ALTER LOCATION ... SET DESCRIPTION; visibility and owners
 * through information_schema.locations; and at the end of each sequence, every actor's view of every
 * location. Seeded, so every run tries the same sequences; a failure reports the shrunk sequence.
 * Each try runs in an account of its own on one shared in-memory catalog.
 */
final class PrivilegeModelProperties {

    private static final String ADMIN = "admin";
    private static final String ADMIN_ROLE = Outcrop.ACCOUNT_ADMIN_ROLE;
    private static final List<String> ACTORS = List.of(ADMIN, "u1", "u2", "u3");
    /** Created and dropped by the sequences; users and roles share one namespace, so either kind may take any of them. */
    private static final List<String> PRINCIPALS = List.of("u1", "u2", "u3", "r1", "r2");
    /** Grantees, members and new owners: the above, plus the built-in ones. */
    private static final List<String> TARGETS = List.of("u1", "u2", "u3", "r1", "r2", ADMIN, ADMIN_ROLE);
    private static final List<String> ROLES = List.of("r1", "r2", ADMIN_ROLE, "u1");
    private static final List<String> LOCATIONS = List.of("l1", "l2", "l3");
    private static final List<String> ACCOUNT_PRIVILEGES = List.of("CREATE LOCATION", "USAGE ANY LOCATION", "MODIFY ANY LOCATION");

    private static final SealingKeys KEYS = SealingKeys.ephemeral();
    /** The AI functions need a runtime to be planned; a NULL request never reaches it. */
    private static final ModelRuntime NO_CALLS = new ModelRuntime() {
        @Override
        public CompletionStage<InvokeModelResponse> invokeModel(InvokeModelRequest request) {
            throw new AssertionError("a NULL request must make no call");
        }

        @Override
        public CompletionStage<ConverseResponse> converse(ConverseRequest request) {
            throw new AssertionError("AI_QUERY is not used here");
        }
    };
    private static Outcrop outcrop;
    private static InMemoryCatalogStore catalog;
    private static int accounts;

    @BeforeContainer
    static void start() {
        catalog = new InMemoryCatalogStore();
        outcrop = Outcrop.builder().catalog(catalog).sealingKeys(KEYS).modelRuntime(NO_CALLS).build();
    }

    @AfterContainer
    static void stop() {
        outcrop.close();
        catalog.close();
    }

    // ---- the reference model ------------------------------------------------------------------

    enum Kind { USER, ROLE }

    record Grant(String privilege, String object, String grantee) {}

    /** The privilege rules, as documented; independent of Outcrop's code. */
    static final class Model {
        final Map<String, Kind> principals = new HashMap<>(Map.of(ADMIN, Kind.USER, ADMIN_ROLE, Kind.ROLE));
        /** role → members */
        final Set<List<String>> memberships = new HashSet<>(Set.of(List.of(ADMIN_ROLE, ADMIN)));
        final Set<Grant> grants = new HashSet<>();
        /** location → owner */
        final Map<String, String> locations = new TreeMap<>();

        /** The principal and every role granted to it, transitively. */
        Set<String> identities(String principal) {
            Set<String> all = new HashSet<>(Set.of(principal));
            Deque<String> pending = new ArrayDeque<>(all);
            while (!pending.isEmpty()) {
                String member = pending.pop();
                for (List<String> membership : memberships) {
                    if (membership.get(1).equals(member) && all.add(membership.get(0))) {
                        pending.push(membership.get(0));
                    }
                }
            }
            return all;
        }

        boolean admin(String actor) {
            return identities(actor).contains(ADMIN_ROLE);
        }

        boolean holds(String actor, String privilege, String object) {
            Set<String> identities = identities(actor);
            return grants.stream().anyMatch(g -> g.privilege().equals(privilege) && g.object().equals(object) && identities.contains(g.grantee()));
        }

        boolean owns(String actor, String location) {
            return identities(actor).contains(locations.get(location));
        }

        boolean canUse(String actor, String location) {
            return locations.containsKey(location) && (admin(actor) || owns(actor, location)
                    || holds(actor, "USAGE", location) || holds(actor, "USAGE ANY LOCATION", "ACCOUNT"));
        }

        boolean canModify(String actor, String location) {
            return locations.containsKey(location) && (admin(actor) || owns(actor, location)
                    || holds(actor, "MODIFY", location) || holds(actor, "MODIFY ANY LOCATION", "ACCOUNT"));
        }

        boolean canSee(String actor, String location) {
            return canUse(actor, location) || canModify(actor, location);
        }

        Map<String, String> visibleTo(String actor) {
            return locations.entrySet().stream().filter(e -> canSee(actor, e.getKey()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        }
    }

    // ---- steps: SQL, the model's verdict, and the model's change when allowed ------------------

    /** What a step is expected to give: OK or a refusal's code. */
    record Outcome(OutcropErrorCode refusal) {
        static final Outcome OK = new Outcome(null);

        static Outcome refused(OutcropErrorCode code) {
            return new Outcome(code);
        }

        @Override
        public String toString() {
            return refusal == null ? "OK" : refusal.name();
        }
    }

    interface Step {
        String actor();

        String sql();

        /** Decides the outcome from the model and, if allowed, applies the change to it. */
        Outcome apply(Model model);
    }

    record CreatePrincipal(String actor, Kind kind, String name) implements Step {
        public String sql() {
            return "CREATE " + kind + " " + name;
        }

        public Outcome apply(Model m) {
            if (!m.admin(actor)) {
                return Outcome.refused(OutcropErrorCode.PERMISSION_DENIED);
            }
            if (m.principals.containsKey(name)) {
                return Outcome.refused(OutcropErrorCode.PRINCIPAL_ALREADY_EXISTS);
            }
            m.principals.put(name, kind);
            return Outcome.OK;
        }
    }

    record DropPrincipal(String actor, Kind kind, String name) implements Step {
        public String sql() {
            return "DROP " + kind + " " + name;
        }

        public Outcome apply(Model m) {
            if (!m.admin(actor)) {
                return Outcome.refused(OutcropErrorCode.PERMISSION_DENIED);
            }
            if (m.principals.get(name) != kind) {
                return Outcome.refused(OutcropErrorCode.PRINCIPAL_NOT_FOUND);
            }
            if (m.locations.containsValue(name)) {
                return Outcome.refused(OutcropErrorCode.PRINCIPAL_OWNS_OBJECTS);
            }
            m.principals.remove(name);
            m.grants.removeIf(g -> g.grantee().equals(name));
            m.memberships.removeIf(ms -> ms.contains(name));
            return Outcome.OK;
        }
    }

    record RoleGrant(String actor, boolean grant, String role, String member) implements Step {
        public String sql() {
            return grant ? "GRANT ROLE " + role + " TO " + member : "REVOKE ROLE " + role + " FROM " + member;
        }

        public Outcome apply(Model m) {
            if (!m.admin(actor)) {
                return Outcome.refused(OutcropErrorCode.PERMISSION_DENIED);
            }
            if (!m.principals.containsKey(role)) {
                return Outcome.refused(OutcropErrorCode.PRINCIPAL_NOT_FOUND);
            }
            if (m.principals.get(role) != Kind.ROLE) {
                return Outcome.refused(OutcropErrorCode.INVALID_ARGUMENT);
            }
            if (!m.principals.containsKey(member)) {
                return Outcome.refused(OutcropErrorCode.PRINCIPAL_NOT_FOUND);
            }
            if (grant) {
                m.memberships.add(List.of(role, member));
            }
            else {
                m.memberships.remove(List.of(role, member));
            }
            return Outcome.OK;
        }
    }

    record LocationGrant(String actor, boolean grant, String privilege, String location, String grantee) implements Step {
        public String sql() {
            return (grant ? "GRANT " : "REVOKE ") + privilege + " ON LOCATION " + location + (grant ? " TO " : " FROM ") + grantee;
        }

        public Outcome apply(Model m) {
            if (!m.canSee(actor, location)) {
                return Outcome.refused(OutcropErrorCode.LOCATION_NOT_FOUND);
            }
            if (!m.admin(actor) && !m.owns(actor, location)) {
                return Outcome.refused(OutcropErrorCode.PERMISSION_DENIED);
            }
            if (!m.principals.containsKey(grantee)) {
                return Outcome.refused(OutcropErrorCode.PRINCIPAL_NOT_FOUND);
            }
            Grant g = new Grant(privilege, location, grantee);
            if (grant) {
                m.grants.add(g);
            }
            else {
                m.grants.remove(g);
            }
            return Outcome.OK;
        }
    }

    record AccountGrant(String actor, boolean grant, String privilege, String grantee) implements Step {
        public String sql() {
            return (grant ? "GRANT " : "REVOKE ") + privilege + " ON ACCOUNT my_account" + (grant ? " TO " : " FROM ") + grantee;
        }

        public Outcome apply(Model m) {
            if (!m.admin(actor)) {
                return Outcome.refused(OutcropErrorCode.PERMISSION_DENIED);
            }
            if (!m.principals.containsKey(grantee)) {
                return Outcome.refused(OutcropErrorCode.PRINCIPAL_NOT_FOUND);
            }
            Grant g = new Grant(privilege, "ACCOUNT", grantee);
            if (grant) {
                m.grants.add(g);
            }
            else {
                m.grants.remove(g);
            }
            return Outcome.OK;
        }
    }

    record CreateLocation(String actor, String location) implements Step {
        public String sql() {
            return "CREATE LOCATION " + location
                    + " WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess' )";
        }

        public Outcome apply(Model m) {
            if (!m.admin(actor) && !m.holds(actor, "CREATE LOCATION", "ACCOUNT")) {
                return Outcome.refused(OutcropErrorCode.PERMISSION_DENIED);
            }
            if (m.locations.containsKey(location)) {
                return Outcome.refused(OutcropErrorCode.LOCATION_ALREADY_EXISTS);
            }
            m.locations.put(location, actor);
            return Outcome.OK;
        }
    }

    /** Firebolt: the owner transfers ownership; so may an account_admin. MODIFY does not. */
    record OwnerTo(String actor, String location, String newOwner) implements Step {
        public String sql() {
            return "ALTER LOCATION " + location + " OWNER TO " + newOwner;
        }

        public Outcome apply(Model m) {
            if (!m.canSee(actor, location)) {
                return Outcome.refused(OutcropErrorCode.LOCATION_NOT_FOUND);
            }
            if (!m.admin(actor) && !m.owns(actor, location)) {
                return Outcome.refused(OutcropErrorCode.PERMISSION_DENIED);
            }
            if (!m.principals.containsKey(newOwner)) {
                return Outcome.refused(OutcropErrorCode.PRINCIPAL_NOT_FOUND);
            }
            m.locations.put(location, newOwner);
            return Outcome.OK;
        }
    }

    record AlterDescription(String actor, String location) implements Step {
        public String sql() {
            return "ALTER LOCATION " + location + " SET DESCRIPTION = 'edited by " + actor + "'";
        }

        public Outcome apply(Model m) {
            if (!m.canSee(actor, location)) {
                return Outcome.refused(OutcropErrorCode.LOCATION_NOT_FOUND);
            }
            return m.canModify(actor, location) ? Outcome.OK : Outcome.refused(OutcropErrorCode.PERMISSION_DENIED);
        }
    }

    record DropLocation(String actor, String location) implements Step {
        public String sql() {
            return "DROP LOCATION " + location;
        }

        public Outcome apply(Model m) {
            if (!m.canSee(actor, location)) {
                return Outcome.refused(OutcropErrorCode.LOCATION_NOT_FOUND);
            }
            if (!m.canModify(actor, location)) {
                return Outcome.refused(OutcropErrorCode.PERMISSION_DENIED);
            }
            m.locations.remove(location);
            m.grants.removeIf(g -> g.object().equals(location));
            return Outcome.OK;
        }
    }

    /** USAGE, observed: the call checks the location and the privilege, and a NULL request then makes no call. */
    record Use(String actor, String location) implements Step {
        public String sql() {
            return useSql(location);
        }

        public Outcome apply(Model m) {
            return m.canUse(actor, location) ? Outcome.OK : Outcome.refused(OutcropErrorCode.LOCATION_NOT_FOUND);
        }
    }

    static String useSql(String location) {
        return "SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', NULL, '" + location + "')";
    }

    // ---- generation ---------------------------------------------------------------------------

    /** Every sequence starts from some users, roles and a location, so that the random steps mostly meet things that exist. */
    private static final List<Step> PRELUDE = List.of(
            new CreatePrincipal(ADMIN, Kind.USER, "u1"), new CreatePrincipal(ADMIN, Kind.USER, "u2"), new CreatePrincipal(ADMIN, Kind.USER, "u3"),
            new CreatePrincipal(ADMIN, Kind.ROLE, "r1"), new CreatePrincipal(ADMIN, Kind.ROLE, "r2"),
            new CreateLocation(ADMIN, "l1"), new CreateLocation(ADMIN, "l2"));

    /**
     * A random setup by the admin (locations, grants, memberships, owners), then random steps by anyone.
     * Without the setup, most steps of the other users would be refusals for lack of any privilege.
     */
    @Provide
    Arbitrary<List<Step>> sequences() {
        Arbitrary<String> admin = Arbitraries.just(ADMIN);
        Arbitrary<List<Step>> setup = steps(admin, admin, Arbitraries.just(true), true).list().ofMinSize(4).ofMaxSize(14);
        // Mostly the admin manages principals and account privileges (others are refused, but now and then one is an admin through a role);
        // anyone acts on locations.
        Arbitrary<String> mostlyAdmin = Arbitraries.frequency(Tuple.of(6, ADMIN), Tuple.of(1, "u1"), Tuple.of(1, "u2"), Tuple.of(1, "u3"));
        Arbitrary<String> anyone = Arbitraries.frequency(Tuple.of(1, ADMIN), Tuple.of(3, "u1"), Tuple.of(3, "u2"), Tuple.of(3, "u3"));
        Arbitrary<List<Step>> play = steps(mostlyAdmin, anyone, Arbitraries.frequency(Tuple.of(3, true), Tuple.of(1, false)), false)
                .list().ofMinSize(5).ofMaxSize(30);
        return Combinators.combine(setup, play).as((first, then) -> {
            List<Step> all = new ArrayList<>(first);
            all.addAll(then);
            return all;
        });
    }

    private static Arbitrary<Step> steps(Arbitrary<String> manager, Arbitrary<String> actor, Arbitrary<Boolean> grant, boolean setup) {
        Arbitrary<Kind> kind = Arbitraries.frequency(Tuple.of(3, Kind.USER), Tuple.of(2, Kind.ROLE));
        Arbitrary<String> principal = Arbitraries.of(PRINCIPALS);
        // The setup hands things to the users and roles of the sequence; later steps may also name the admin and its role.
        Arbitrary<String> target = setup ? principal : Arbitraries.of(TARGETS);
        Arbitrary<String> location = Arbitraries.of(LOCATIONS);
        Arbitrary<Step> roleGrant = Combinators.combine(manager, grant, Arbitraries.of(ROLES), target).as(RoleGrant::new);
        Arbitrary<Step> locationGrant = Combinators.combine(actor, grant, Arbitraries.of("USAGE", "MODIFY"), location, target).as(LocationGrant::new);
        Arbitrary<Step> accountGrant = Combinators.combine(manager, grant, Arbitraries.of(ACCOUNT_PRIVILEGES), target).as(AccountGrant::new);
        Arbitrary<Step> createLocation = Combinators.combine(actor, location).as(CreateLocation::new);
        Arbitrary<Step> ownerTo = Combinators.combine(actor, location, target).as(OwnerTo::new);
        if (setup) {
            return Arbitraries.frequencyOf(Tuple.of(2, roleGrant), Tuple.of(5, locationGrant), Tuple.of(2, accountGrant),
                    Tuple.of(2, createLocation), Tuple.of(3, ownerTo));
        }
        return Arbitraries.frequencyOf(
                Tuple.of(2, Combinators.combine(manager, kind, principal).as(CreatePrincipal::new)),
                Tuple.of(3, Combinators.combine(manager, principal.flatMap(PrivilegeModelProperties::usualKind)).as((a, named) -> new DropPrincipal(a, named.get2(), named.get1()))),
                Tuple.of(2, roleGrant),
                Tuple.of(4, locationGrant),
                Tuple.of(2, accountGrant),
                Tuple.of(3, createLocation),
                Tuple.of(5, ownerTo),
                Tuple.of(3, Combinators.combine(actor, location).as(AlterDescription::new)),
                Tuple.of(2, Combinators.combine(actor, location).as(DropLocation::new)),
                Tuple.of(3, Combinators.combine(actor, location).as(Use::new)));
    }

    /** Mostly the kind the prelude gave the name (u* users, r* roles), sometimes the other, which DROP must then not find. */
    private static Arbitrary<Tuple.Tuple2<String, Kind>> usualKind(String name) {
        Kind usual = name.startsWith("u") ? Kind.USER : Kind.ROLE;
        Kind other = usual == Kind.USER ? Kind.ROLE : Kind.USER;
        return Arbitraries.frequency(Tuple.of(5, usual), Tuple.of(1, other)).map(kind -> Tuple.of(name, kind));
    }

    // ---- the property -------------------------------------------------------------------------

    @Property(tries = 150, seed = "20260314")
    void everyDecision_matchesTheReferenceModel(@ForAll("sequences") List<Step> generated) {
        String account = "acct_" + (++accounts);
        outcrop.createAccount(AccountSpec.fromTemplate(account, "us-east-1", "arn:aws:iam::111122223333:role/outcrop-{account}", 0L), ADMIN);
        Map<String, Session> sessions = new HashMap<>();
        Model model = new Model();
        List<Step> steps = new ArrayList<>(PRELUDE);
        steps.addAll(generated);
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Session session = sessions.computeIfAbsent(step.actor(), actor -> outcrop.openSession(account, actor));
            String who = describe(model, step);
            Outcome expected = step.apply(model);
            Outcome actual = outcomeOf(session, step.sql().replace("my_account", account));
            assertThat(actual).as("step %d: %s runs %s", i, step.actor(), step.sql()).isEqualTo(expected);
            if (i >= PRELUDE.size()) {
                Statistics.label("decisions").collect(step.getClass().getSimpleName() + " " + expected + " " + who);
            }
        }
        for (String actor : ACTORS) {
            Session session = sessions.computeIfAbsent(actor, name -> outcrop.openSession(account, name));
            QueryResult visible = TestStack.run(session, "SELECT location_name, location_owner FROM information_schema.locations");
            Map<String, String> seen = new TreeMap<>();
            visible.rows().forEach(row -> seen.put((String) row.get(0), (String) row.get(1)));
            assertThat(seen).as("what %s sees in information_schema.locations, with owners", actor).isEqualTo(model.visibleTo(actor));
            for (String location : LOCATIONS) {
                assertThat(outcomeOf(session, useSql(location))).as("%s using %s", actor, location)
                        .isEqualTo(model.canUse(actor, location) ? Outcome.OK : Outcome.refused(OutcropErrorCode.LOCATION_NOT_FOUND));
            }
        }
        // The decisions this property is about must have come up, or a change to the generators could make it vacuous.
        Statistics.label("decisions").coverage(coverage -> {
            for (String decision : List.of("OwnerTo OK by owner", "OwnerTo OK by admin", "OwnerTo PERMISSION_DENIED by MODIFY holder",
                    "DropPrincipal PRINCIPAL_OWNS_OBJECTS by admin", "DropPrincipal OK by admin", "LocationGrant OK by non-admin",
                    "LocationGrant PERMISSION_DENIED by non-admin", "Use OK by non-admin", "AlterDescription OK by non-admin",
                    "AlterDescription PERMISSION_DENIED by non-admin", "CreateLocation OK by non-admin", "DropLocation OK by non-admin")) {
                coverage.check(decision).count(n -> n >= 3);
            }
        });
    }

    /** Who runs the step, for the statistics: an admin, the location's owner, a MODIFY holder (for OWNER TO), or another. */
    private static String describe(Model model, Step step) {
        if (model.admin(step.actor())) {
            return "by admin";
        }
        if (step instanceof OwnerTo ownerTo && model.locations.containsKey(ownerTo.location())) {
            return model.owns(step.actor(), ownerTo.location()) ? "by owner"
                    : model.canModify(step.actor(), ownerTo.location()) ? "by MODIFY holder" : "by other";
        }
        return "by non-admin";
    }

    private static Outcome outcomeOf(Session session, String sql) {
        try {
            TestStack.run(session, sql);
            return Outcome.OK;
        }
        catch (RuntimeException e) {
            OutcropErrorCode code = TestStack.codeOf(e);
            if (code == null) {
                throw e;
            }
            return Outcome.refused(code);
        }
    }
}
