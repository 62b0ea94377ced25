package dev.outcrop.catalog.jdbc.internal;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.GrantRecord;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.PrincipalRecord;
import dev.outcrop.catalog.spi.RoleMembership;
import dev.outcrop.catalog.spi.SealedSecret;
import dev.outcrop.catalog.spi.ServiceAccountRecord;
import dev.outcrop.catalog.spi.SealingKeyRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Maps rows to records and records to parameters; the column lists match the queries in {@link JdbcCatalogStore}. */
final class Rows {

    static final String ACCOUNT_COLUMNS = "account_name, region, trust_policy_role, llm_token_budget, created, version, external_id";
    static final String LOCATION_COLUMNS = "id, account_name, location_name, source, url, description, region, owner_name, created, "
            + "credentials_key_id, credentials_sealed, version";
    static final String PRINCIPAL_COLUMNS = "account_name, principal_name, kind, created";
    static final String SERVICE_ACCOUNT_COLUMNS = "id, account_name, name, description, user_name, key_id, secret_hash, created, version";

    private Rows() {}

    /** Both databases keep microseconds; truncating first makes what a write returns equal what a read returns. */
    static Instant storable(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(storable(instant), ZoneOffset.UTC));
    }

    static Instant getInstant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    static void setNullableText(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        }
        else {
            statement.setString(index, value);
        }
    }

    static AccountRecord account(ResultSet row) throws SQLException {
        return new AccountRecord(row.getString("account_name"), row.getString("region"), row.getString("trust_policy_role"),
                row.getLong("llm_token_budget"), getInstant(row, "created"), row.getLong("version"), row.getString("external_id"));
    }

    static LocationRecord location(ResultSet row) throws SQLException {
        return new LocationRecord(row.getString("id"), row.getString("account_name"), row.getString("location_name"),
                row.getString("source"), row.getString("url"), row.getString("description"), row.getString("region"),
                row.getString("owner_name"), getInstant(row, "created"),
                new SealedSecret(row.getString("credentials_key_id"), row.getString("credentials_sealed")), row.getLong("version"));
    }

    static SealingKeyRecord sealingKey(ResultSet row) throws SQLException {
        return new SealingKeyRecord(row.getString("key_id"), row.getString("verifier"), getInstant(row, "registered"));
    }

    static PrincipalRecord principal(ResultSet row) throws SQLException {
        return new PrincipalRecord(row.getString("account_name"), row.getString("principal_name"),
                PrincipalRecord.Kind.valueOf(row.getString("kind")), getInstant(row, "created"));
    }

    static ServiceAccountRecord serviceAccount(ResultSet row) throws SQLException {
        return new ServiceAccountRecord(row.getString("id"), row.getString("account_name"), row.getString("name"),
                row.getString("description"), row.getString("user_name"), row.getString("key_id"), row.getString("secret_hash"),
                getInstant(row, "created"), row.getLong("version"));
    }

    /** Binds {@code description, user_name, key_id, secret_hash} from {@code first} on; returns the next index. */
    static int bindServiceAccountValues(PreparedStatement statement, int first, ServiceAccountRecord serviceAccount) throws SQLException {
        int i = first;
        setNullableText(statement, i++, serviceAccount.description());
        setNullableText(statement, i++, serviceAccount.userName());
        setNullableText(statement, i++, serviceAccount.keyId());
        setNullableText(statement, i++, serviceAccount.secretHash());
        return i;
    }

    static RoleMembership membership(ResultSet row) throws SQLException {
        return new RoleMembership(row.getString("account_name"), row.getString("role_name"), row.getString("member_name"));
    }

    static GrantRecord grant(ResultSet row) throws SQLException {
        return new GrantRecord(row.getString("account_name"), row.getString("privilege"), row.getString("object_type"),
                row.getString("object_name"), row.getString("grantee"));
    }

    /** Binds the location's value columns, in the order of {@code source ... credentials_sealed}, from {@code first} on. */
    static int bindLocationValues(PreparedStatement statement, int first, LocationRecord location) throws SQLException {
        int i = first;
        statement.setString(i++, location.source());
        setNullableText(statement, i++, location.url());
        setNullableText(statement, i++, location.description());
        setNullableText(statement, i++, location.region());
        statement.setString(i++, location.owner());
        setInstant(statement, i++, location.created());
        statement.setString(i++, location.credentials().keyId());
        statement.setString(i++, location.credentials().payload());
        return i;
    }
}
