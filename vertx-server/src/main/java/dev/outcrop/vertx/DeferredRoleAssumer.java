package dev.outcrop.vertx;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.port.AssumeRoleRequest;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.RoleAssumer;
import java.util.concurrent.CompletionStage;

/** A {@link RoleAssumer} that is still being made: each call waits for it (see {@link Deferred}). */
final class DeferredRoleAssumer implements RoleAssumer {

    private final Deferred<? extends RoleAssumer> assumer;

    DeferredRoleAssumer(Deferred<? extends RoleAssumer> assumer) {
        this.assumer = requireNonNull(assumer, "assumer is null");
    }

    @Override
    public CompletionStage<AwsCredentials> assumeRole(AssumeRoleRequest request) {
        return assumer.call(made -> made.assumeRole(request));
    }

    /** The assumer is closed by whoever made it (the closer), not through this view of it. */
    @Override
    public void close() {
    }
}
