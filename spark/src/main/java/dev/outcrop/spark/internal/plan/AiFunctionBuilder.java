package dev.outcrop.spark.internal.plan;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.spark.internal.runtime.AiCallSpec;
import dev.outcrop.spark.internal.runtime.AiFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedArgumentExpression;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StringType;
import scala.Function1;
import scala.Option;
import scala.collection.immutable.Seq;

/**
 * Builds an {@link AiFunctionCall} from a call's arguments, as Spark's analyzer hands them over: positional
 * first, then Firebolt's named ones ({@code location => 'my_location'}), bound as core binds them. The
 * constants (location, null_on_error, AI_EMBED_TEXT's model and dimensions) are read here; the per-row
 * arguments become children, cast to text as Firebolt casts them.
 */
final class AiFunctionBuilder implements Function1<Seq<Expression>, Expression> {

    private final AiFunction function;

    AiFunctionBuilder(AiFunction function) {
        this.function = function;
    }

    @Override
    public Expression apply(Seq<Expression> given) {
        List<String> parameters = function.parameters();
        Expression[] bound = new Expression[parameters.size()];
        int position = 0;
        boolean named = false;
        for (Expression argument : Scala.list(given)) {
            if (argument instanceof NamedArgumentExpression namedArgument) {
                String name = namedArgument.key().toLowerCase(Locale.ROOT);
                name = function.aliases().getOrDefault(name, name);
                int index = parameters.indexOf(name);
                if (index < 0) {
                    throw invalid("has no parameter " + namedArgument.key() + "; its parameters are " + parameters);
                }
                if (bound[index] != null) {
                    throw invalid("was given " + name + " twice");
                }
                bound[index] = namedArgument.value();
                named = true;
                continue;
            }
            if (named) {
                throw invalid("takes positional arguments before named ones");
            }
            if (position >= parameters.size()) {
                throw invalid("takes at most " + parameters.size() + " arguments (" + parameters + "), but was given " + given.size());
            }
            bound[position++] = argument;
        }
        for (int i = 0; i < function.required(); i++) {
            if (bound[i] == null) {
                throw invalid("needs " + parameters.get(i) + "; its parameters are " + parameters + ", the first " + function.required() + " required");
            }
        }
        int location = parameters.indexOf("location");
        if (bound[location] == null) {
            throw invalid("needs location => '<location name>'");
        }
        String locationName = constantText(bound[location], "location", "'my_location'");
        Expression nullOnErrorArgument = bound[parameters.indexOf("null_on_error")];
        boolean nullOnError = nullOnErrorArgument != null && constantBoolean(nullOnErrorArgument);
        String embeddingModel = null;
        Long dimensions = null;
        if (function.returnsEmbedding()) {
            embeddingModel = constantText(bound[0], "model", "'amazon.titan-embed-text-v2:0'");
            Expression dimensionsArgument = bound[parameters.indexOf("dimensions")];
            if (dimensionsArgument != null) {
                dimensions = constantWholeNumber(dimensionsArgument);
            }
        }
        List<Expression> rowArguments = new ArrayList<>();
        for (String parameter : function.rowParameters()) {
            rowArguments.add(asText(bound[parameters.indexOf(parameter)]));
        }
        return new AiFunctionCall(new AiCallSpec(function, locationName, nullOnError, embeddingModel, dimensions), Scala.seq(rowArguments));
    }

    /** Firebolt casts any argument to TEXT; so does Spark here, before the row reaches core. */
    private static Expression asText(Expression argument) {
        if (argument.dataType() instanceof StringType) {
            return argument;
        }
        return new Cast(argument, DataTypes.StringType, Option.empty());
    }

    private String constantText(Expression argument, String parameter, String example) {
        Object value = constant(argument, parameter, example);
        if (value == null) {
            throw invalid(parameter + " is NULL; it must be a constant such as " + example);
        }
        return value.toString();
    }

    private boolean constantBoolean(Expression argument) {
        Object value = constant(argument, "null_on_error", "TRUE");
        if (!(value instanceof Boolean flag)) {
            throw invalid("null_on_error must be the constant TRUE or FALSE");
        }
        return flag;
    }

    private long constantWholeNumber(Expression argument) {
        Object value = constant(argument, "dimensions", "256");
        if (!(argument.dataType() instanceof IntegralType) || value == null) {
            throw invalid("dimensions must be a whole-number constant such as 256");
        }
        return ((Number) value).longValue();
    }

    private Object constant(Expression argument, String parameter, String example) {
        if (!argument.foldable()) {
            throw invalid(parameter + " must be a constant such as " + example + ", not a column or an expression: it is checked before any call");
        }
        return argument.eval(null);
    }

    private OutcropException invalid(String what) {
        return new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function.name() + " " + what);
    }
}
