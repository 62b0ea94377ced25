package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.location.LocationCredentials;

/** What an ALTER LOCATION changes. */
public sealed interface AlterLocationAction {

    /** {@code RENAME TO new_name} */
    record RenameTo(Identifier newName) implements AlterLocationAction {
        public RenameTo {
            requireNonNull(newName, "newName is null");
        }
    }

    /** {@code SET CREDENTIALS = (...)}: replaces the credentials as a whole. */
    record SetCredentials(LocationCredentials credentials) implements AlterLocationAction {
        public SetCredentials {
            requireNonNull(credentials, "credentials is null");
        }
    }

    /** {@code SET URL = '...'} */
    record SetUrl(String url) implements AlterLocationAction {
        public SetUrl {
            requireNonNull(url, "url is null");
        }
    }

    /** {@code SET DESCRIPTION = '...'} */
    record SetDescription(String description) implements AlterLocationAction {
        public SetDescription {
            requireNonNull(description, "description is null");
        }
    }

    /** {@code OWNER TO principal} */
    record OwnerTo(Identifier owner) implements AlterLocationAction {
        public OwnerTo {
            requireNonNull(owner, "owner is null");
        }
    }
}
