package dev.outcrop.examples;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.vertx.Closer;
import dev.outcrop.vertx.DemoModule;
import dev.outcrop.vertx.ServerModule;
import dev.outcrop.vertx.config.ServerConfig;

/**
 * The SDK wired by Guice from the server's modules, without the HTTP service: an application that
 * already uses Guice binds {@link ServerModule} with an environment module ({@link DemoModule} here,
 * {@code DeploymentModule} for real) and asks for {@link Outcrop}. The {@link Closer} closes what the
 * modules opened; Guice itself closes nothing.
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=dev.outcrop.examples.GuiceWiring}. It prints the
 * demo account's trust principal, read with SQL from {@code org_db.information_schema.accounts}.
 *
 * <p>In your own application:
 * <ol>
 *   <li>depend on {@code outcrop-vertx-server} (version from {@code outcrop-bom}), which holds the modules;</li>
 *   <li>create one {@link Closer}, and the injector with {@code new ServerModule(serverConfig, closer)} and an
 *       environment module: {@link DemoModule} offline (an in-process emulator, an embedded H2 catalog, a
 *       throw-away sealing key), or {@code new DeploymentModule(properties)} for AWS, with
 *       {@code outcrop.sealing-keys} and {@code outcrop.account.trust-policy-role} at least (see its Javadoc);</li>
 *   <li>inject {@link Outcrop} where you need it, open a session per request, and close the {@link Closer}
 *       when the application stops.</li>
 * </ol>
 * {@link ServerConfig} names the account and principal sessions run as ({@code my_account} / {@code admin} by default).
 */
public final class GuiceWiring {

    private GuiceWiring() {
    }

    public static void main(String[] args) {
        ServerConfig config = ServerConfig.defaults();
        try (Closer closer = new Closer()) {
            Injector injector = Guice.createInjector(new ServerModule(config, closer), new DemoModule());
            Outcrop outcrop = injector.getInstance(Outcrop.class);

            QueryResult result = outcrop.openSession(config.account(), config.principal())
                    .execute("SELECT trust_policy_role FROM org_db.information_schema.accounts WHERE account_name = '" + config.account() + "'")
                    .toCompletableFuture().join();

            System.out.println("trust_policy_role = " + result.value(0, 0));
        }
    }
}
