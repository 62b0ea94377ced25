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
