package dev.outcrop.sql.internal;

import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.location.AccessKeyCredentials;
import dev.outcrop.core.location.LocationCredentials;
import dev.outcrop.core.location.RoleCredentials;
import dev.outcrop.core.statement.AlterAccount;
import dev.outcrop.core.statement.ResealLocations;
import dev.outcrop.core.statement.AlterLocation;
import dev.outcrop.core.statement.AlterLocationAction;
import dev.outcrop.core.statement.CreateLocation;
import dev.outcrop.core.statement.CallProcedure;
import dev.outcrop.core.statement.CreatePrincipal;
import dev.outcrop.core.statement.CreateServiceAccount;
import dev.outcrop.core.statement.DropServiceAccount;
import dev.outcrop.core.expression.StringLiteral;
import dev.outcrop.core.statement.DropLocation;
import dev.outcrop.core.statement.DropPrincipal;
import dev.outcrop.core.statement.GrantPrivilege;
import dev.outcrop.core.statement.GrantRole;
import dev.outcrop.core.statement.Relation;
import dev.outcrop.core.statement.RevokePrivilege;
import dev.outcrop.core.statement.RevokeRole;
import dev.outcrop.core.statement.Select;
import dev.outcrop.core.statement.SelectItem;
import dev.outcrop.core.statement.SetSetting;
import dev.outcrop.core.statement.UnsetSetting;
import dev.outcrop.core.statement.Statement;
import dev.outcrop.core.statement.UseDatabase;

import java.util.List;

/**
 * Writes statements as canonical SQL on one line, in the form the parser reads back to an equal
 * model. With masking on, every credential value is written as {@code '****'}.
 */
public final class StatementWriter {

    private static final String MASK = "****";

    private final StringBuilder out = new StringBuilder(128);
    private final boolean maskCredentials;

    private StatementWriter(boolean maskCredentials) {
        this.maskCredentials = maskCredentials;
    }

    public static String write(Statement statement, boolean maskCredentials) {
        StatementWriter writer = new StatementWriter(maskCredentials);
        writer.statement(statement);
        return writer.out.toString();
    }

    private void statement(Statement statement) {
        if (statement instanceof Select select) {
            select(select);
        }
        else if (statement instanceof CreateLocation create) {
            createLocation(create);
        }
        else if (statement instanceof AlterLocation alter) {
            alterLocation(alter);
        }
        else if (statement instanceof DropLocation drop) {
            out.append("DROP LOCATION ");
            ifExists(drop.ifExists());
            name(drop.name());
            if (drop.force()) {
                out.append(" WITH FORCE");
            }
        }
        else if (statement instanceof AlterAccount alter) {
            out.append("ALTER ACCOUNT ");
            ifExists(alter.ifExists());
            name(alter.name());
            out.append(" SET (LLM_TOKEN_BUDGET = ").append(alter.llmTokenBudget()).append(')');
        }
        else if (statement instanceof ResealLocations reseal) {
            out.append("ALTER ACCOUNT ");
            ifExists(reseal.ifExists());
            name(reseal.account());
            out.append(" RESEAL LOCATIONS");
        }
        else if (statement instanceof CreatePrincipal create) {
            out.append("CREATE ").append(create.kind().name()).append(' ');
            if (create.ifNotExists()) {
                out.append("IF NOT EXISTS ");
            }
            name(create.name());
            if (create.serviceAccount() != null) {
                out.append(" WITH SERVICE_ACCOUNT = ");
                name(create.serviceAccount());
            }
        }
        else if (statement instanceof CreateServiceAccount create) {
            out.append("CREATE SERVICE ACCOUNT ");
            if (create.ifNotExists()) {
                out.append("IF NOT EXISTS ");
            }
            name(create.name());
            if (create.description() != null) {
                out.append(" WITH DESCRIPTION = ");
                ExpressionWriter.writeLiteral(out, new StringLiteral(create.description()));
            }
        }
        else if (statement instanceof DropServiceAccount drop) {
            out.append("DROP SERVICE ACCOUNT ");
            ifExists(drop.ifExists());
            name(drop.name());
        }
        else if (statement instanceof CallProcedure call) {
            out.append("CALL ");
            name(call.procedure());
            out.append('(');
            for (int i = 0; i < call.arguments().size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                ExpressionWriter.writeLiteral(out, call.arguments().get(i));
            }
            out.append(')');
        }
        else if (statement instanceof DropPrincipal drop) {
            out.append("DROP ").append(drop.kind().name()).append(' ');
            ifExists(drop.ifExists());
            name(drop.name());
        }
        else if (statement instanceof GrantPrivilege grant) {
            out.append("GRANT ").append(grant.privilege().sql()).append(" ON ").append(grant.objectType().name()).append(' ');
            name(grant.objectName());
            out.append(" TO ");
            name(grant.grantee());
        }
        else if (statement instanceof RevokePrivilege revoke) {
            out.append("REVOKE ").append(revoke.privilege().sql()).append(" ON ").append(revoke.objectType().name()).append(' ');
            name(revoke.objectName());
            out.append(" FROM ");
            name(revoke.grantee());
        }
        else if (statement instanceof GrantRole grant) {
            out.append("GRANT ROLE ");
            name(grant.role());
            out.append(" TO USER ");
            name(grant.member());
        }
        else if (statement instanceof RevokeRole revoke) {
            out.append("REVOKE ROLE ");
            name(revoke.role());
            out.append(" FROM USER ");
            name(revoke.member());
        }
        else if (statement instanceof UseDatabase use) {
            out.append("USE DATABASE ");
            name(use.database());
        }
        else if (statement instanceof SetSetting set) {
            out.append("SET ");
            name(set.name());
            out.append(" = ");
            ExpressionWriter.writeLiteral(out, set.value());
        }
        else if (statement instanceof dev.outcrop.core.statement.CreateAccount create) {
            out.append("CREATE ACCOUNT ");
            if (create.ifNotExists()) {
                out.append("IF NOT EXISTS ");
            }
            name(create.name());
            if (create.region() != null) {
                out.append(" WITH REGION = ");
                ExpressionWriter.writeLiteral(out, new dev.outcrop.core.expression.StringLiteral(create.region()));
            }
        }
        else if (statement instanceof dev.outcrop.core.statement.DropAccount drop) {
            out.append("DROP ACCOUNT ");
            if (drop.ifExists()) {
                out.append("IF EXISTS ");
            }
            name(drop.name());
        }
        else if (statement instanceof UnsetSetting unset) {
            out.append("UNSET ");
            for (int i = 0; i < unset.names().size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                name(unset.names().get(i));
            }
        }
        else {
            throw new IllegalArgumentException("unknown statement type: " + statement.getClass().getName());
        }
    }

    private void select(Select select) {
        out.append("SELECT ");
        List<SelectItem> items = select.items();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            SelectItem item = items.get(i);
            if (item instanceof SelectItem.SingleColumn column) {
                ExpressionWriter.write(out, column.expression());
                if (column.alias() != null) {
                    out.append(" AS ");
                    name(column.alias());
                }
            }
            else {
                out.append('*');
            }
        }
        if (select.from() != null) {
            out.append(" FROM ");
            relation(select.from());
        }
        if (select.where() != null) {
            out.append(" WHERE ");
            ExpressionWriter.write(out, select.where());
        }
        if (select.limit() != null) {
            out.append(" LIMIT ").append(select.limit());
        }
    }

    private void relation(Relation relation) {
        if (relation instanceof Relation.TableName table) {
            names(table.parts(), ".");
            return;
        }
        if (relation instanceof Relation.TableFunction function) {
            ExpressionWriter.write(out, function.call());
            if (function.alias() != null) {
                out.append(" AS ");
                name(function.alias());
            }
            return;
        }
        Relation.Values values = (Relation.Values) relation;
        out.append("(VALUES ");
        for (int row = 0; row < values.rows().size(); row++) {
            if (row > 0) {
                out.append(", ");
            }
            out.append('(');
            List<Expression> cells = values.rows().get(row);
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                ExpressionWriter.write(out, cells.get(i));
            }
            out.append(')');
        }
        out.append(") AS ");
        name(values.alias());
        if (!values.columnNames().isEmpty()) {
            out.append('(');
            names(values.columnNames(), ", ");
            out.append(')');
        }
    }

    private void createLocation(CreateLocation create) {
        out.append("CREATE LOCATION ");
        if (create.ifNotExists()) {
            out.append("IF NOT EXISTS ");
        }
        name(create.name());
        out.append(" WITH SOURCE = ").append(create.source().name()).append(" CREDENTIALS = ");
        credentials(create.credentials());
        option("URL", create.url());
        option("DESCRIPTION", create.description());
        option("REGION", create.region());
    }

    private void option(String keyword, String value) {
        if (value != null) {
            out.append(' ').append(keyword).append(" = ");
            ExpressionWriter.writeString(out, value);
        }
    }

    private void alterLocation(AlterLocation alter) {
        out.append("ALTER LOCATION ");
        ifExists(alter.ifExists());
        name(alter.name());
        AlterLocationAction action = alter.action();
        if (action instanceof AlterLocationAction.RenameTo rename) {
            out.append(" RENAME TO ");
            name(rename.newName());
        }
        else if (action instanceof AlterLocationAction.SetCredentials set) {
            out.append(" SET CREDENTIALS = ");
            credentials(set.credentials());
        }
        else if (action instanceof AlterLocationAction.SetUrl set) {
            option("SET URL", set.url());
        }
        else if (action instanceof AlterLocationAction.SetDescription set) {
            option("SET DESCRIPTION", set.description());
        }
        else if (action instanceof AlterLocationAction.OwnerTo owner) {
            out.append(" OWNER TO ");
            name(owner.owner());
        }
        else {
            throw new IllegalArgumentException("unknown ALTER LOCATION action: " + action.getClass().getName());
        }
    }

    private void credentials(LocationCredentials credentials) {
        out.append('(');
        if (credentials instanceof AccessKeyCredentials keys) {
            credential("AWS_ACCESS_KEY_ID", keys.accessKeyId());
            out.append(' ');
            credential("AWS_SECRET_ACCESS_KEY", keys.secretAccessKey());
            if (keys.sessionToken() != null) {
                out.append(' ');
                credential("AWS_SESSION_TOKEN", keys.sessionToken());
            }
        }
        else if (credentials instanceof RoleCredentials role) {
            credential("AWS_ROLE_ARN", role.roleArn());
            if (role.externalId() != null) {
                out.append(' ');
                credential("AWS_ROLE_EXTERNAL_ID", role.externalId());
            }
        }
        else {
            throw new IllegalArgumentException("unknown credentials type: " + credentials.getClass().getName());
        }
        out.append(')');
    }

    private void credential(String key, String value) {
        out.append(key).append(" = ");
        ExpressionWriter.writeString(out, maskCredentials ? MASK : value);
    }

    private void ifExists(boolean ifExists) {
        if (ifExists) {
            out.append("IF EXISTS ");
        }
    }

    private void name(Identifier identifier) {
        IdentifierQuoting.append(out, identifier);
    }

    private void names(List<Identifier> identifiers, String separator) {
        for (int i = 0; i < identifiers.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            name(identifiers.get(i));
        }
    }
}
