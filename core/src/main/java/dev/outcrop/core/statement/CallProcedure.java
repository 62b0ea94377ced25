package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.expression.Literal;
import java.util.List;

/**
 * {@code CALL procedure(constant, ...)}, such as {@code CALL fb_GENERATESERVICEACCOUNTKEY('reporter')}.
 * The procedure name is an identifier (folded to lower case unless quoted); its arguments are constants.
 */
public record CallProcedure(Identifier procedure, List<Literal> arguments) implements Statement {
    public CallProcedure {
        requireNonNull(procedure, "procedure is null");
        arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
    }
}
