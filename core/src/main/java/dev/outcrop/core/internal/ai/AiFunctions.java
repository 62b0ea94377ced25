package dev.outcrop.core.internal.ai;

import dev.outcrop.core.internal.credentials.ResolvedLocation;
import dev.outcrop.core.internal.eval.AsyncCallNode;
import dev.outcrop.core.internal.eval.Node;
import dev.outcrop.core.internal.eval.OperatorNode;
import dev.outcrop.core.internal.eval.SqlValues;
import dev.outcrop.core.internal.expr.ArgumentBinder;
import dev.outcrop.core.internal.expr.ExpressionCompiler;
import dev.outcrop.core.internal.expr.FunctionCompiler;
import dev.outcrop.core.internal.plan.RequestSharing;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.expression.BooleanLiteral;
import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.expression.FunctionCall;
import dev.outcrop.core.expression.IntegerLiteral;
import dev.outcrop.core.expression.StringLiteral;
import dev.outcrop.core.spi.EmbeddingModel;
import dev.outcrop.core.type.ArrayType;
import dev.outcrop.core.type.ScalarType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * AWS_BEDROCK_AI_QUERY, AI_QUERY and AI_EMBED_TEXT. The location and null_on_error arguments must be
 * literal constants; that, the location itself and the privilege to use it are checked when the
 * statement is planned, before any call.
 */
public final class AiFunctions {

    private AiFunctions() {
    }

    public static void register(Map<String, FunctionCompiler> functions, AiServices ai) {
        functions.put("aws_bedrock_ai_query", (call, compiler) -> bedrockQuery(call, compiler, ai));
        functions.put("ai_query", (call, compiler) -> aiQuery(call, compiler, ai));
        functions.put("ai_embed_text", (call, compiler) -> embedText(call, compiler, ai));
    }

    private static Node bedrockQuery(FunctionCall call, ExpressionCompiler compiler, AiServices ai) {
        String function = "AWS_BEDROCK_AI_QUERY";
        Expression[] args = ArgumentBinder.bind(call, function, List.of("model", "request", "location", "null_on_error"), 3, Map.of());
        ResolvedLocation location = compiler.context().location(literalText(args[2], function, "LOCATION", "'my_location'"), function);
        boolean nullOnError = literalBoolean(args[3], function);
        ai.runtime(function);
        Node model = text(compiler.compile(args[0]), function, "MODEL");
        Node request = text(compiler.compile(args[1]), function, "REQUEST");
        var account = compiler.context().account();
        var run = compiler.context().run();
        var context = compiler.context();
        return new AsyncCallNode(ScalarType.TEXT, List.of(model, request), values -> {
            String modelId = (String) values[0];
            String body = (String) values[1];
            if (modelId == null || body == null) {
                return CompletableFuture.completedFuture(null);
            }
            JsonCheck.requireWellFormed(body, function, modelId);
            return context.shareIdentical(new RequestSharing.Key(function, modelId, location.record().id(), body), () -> ai.call(new AiServices.CallSite(run, function, modelId, location, account, nullOnError), AiServices.estimateTokens(body),
                    (current, signing, track) -> ai.invokeModel(modelId, body, current, signing, track)));
        });
    }

    private static Node aiQuery(FunctionCall call, ExpressionCompiler compiler, AiServices ai) {
        String function = "AI_QUERY";
        Expression[] args = ArgumentBinder.bind(call, function, List.of("endpoint", "prompt", "location", "null_on_error"), 3, Map.of());
        ResolvedLocation location = compiler.context().location(literalText(args[2], function, "LOCATION", "'my_location'"), function);
        boolean nullOnError = literalBoolean(args[3], function);
        ai.runtime(function);
        Node model = text(compiler.compile(args[0]), function, "ENDPOINT");
        Node prompt = text(compiler.compile(args[1]), function, "PROMPT");
        var account = compiler.context().account();
        var run = compiler.context().run();
        var context = compiler.context();
        return new AsyncCallNode(ScalarType.TEXT, List.of(model, prompt), values -> {
            String modelId = (String) values[0];
            String text = (String) values[1];
            if (modelId == null || text == null) {
                return CompletableFuture.completedFuture(null);
            }
            return context.shareIdentical(new RequestSharing.Key(function, modelId, location.record().id(), text), () -> ai.call(
                    new AiServices.CallSite(run, function, modelId, location, account, nullOnError), AiServices.estimateTokens(text),
                    (current, signing, track) -> ai.converse(modelId, text, current, signing, track)));
        });
    }

    private static Node embedText(FunctionCall call, ExpressionCompiler compiler, AiServices ai) {
        String function = "AI_EMBED_TEXT";
        Expression[] args = ArgumentBinder.bind(call, function, List.of("model", "input_text", "dimensions", "location", "null_on_error"), 2,
                Map.of("dimension", "dimensions"));
        if (args[3] == null) {
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function + " needs LOCATION => '<location name>'");
        }
        ResolvedLocation location = compiler.context().location(literalText(args[3], function, "LOCATION", "'my_location'"), function);
        boolean nullOnError = literalBoolean(args[4], function);
        String modelId = literalText(args[0], function, "MODEL", "'amazon.titan-embed-text-v2:0'");
        Integer dimensions = null;
        if (args[2] != null) {
            if (!(args[2] instanceof IntegerLiteral literal)) {
                throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function + ": DIMENSIONS must be an integer constant such as 256");
            }
            dimensions = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, literal.value()));
        }
        EmbeddingModel model = ai.embeddingModel(modelId);
        try {
            model.validateDimensions(modelId, dimensions);
        }
        catch (IllegalArgumentException e) {
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function + ": " + e.getMessage());
        }
        Node input = text(compiler.compile(args[1]), function, "INPUT_TEXT");
        var account = compiler.context().account();
        var run = compiler.context().run();
        var context = compiler.context();
        Integer size = dimensions;
        if (model.maxBatchSize() > 1) {
            // Rows of one statement share calls: up to maxBatchSize texts each.
            EmbeddingBatcher batcher = compiler.context().register(new EmbeddingBatcher(model.maxBatchSize(), texts ->
                    ai.call(new AiServices.CallSite(run, function, modelId, location, account, nullOnError),
                            texts.stream().mapToLong(AiServices::estimateTokens).sum(),
                            (current, signing, track) -> ai.embedBatch(model, modelId, texts, size, current, signing, track))
                            .thenApply(values -> values == null ? java.util.Collections.nCopies(texts.size(), null) : castList(values))));
            return new AsyncCallNode(ArrayType.DOUBLE_ARRAY, List.of(input), values -> values[0] == null
                    ? CompletableFuture.completedFuture(null)
                    : context.shareIdentical(new RequestSharing.Key(function, modelId, location.record().id(), List.of(values[0], String.valueOf(size))),
                            () -> batcher.submit((String) values[0])));
        }
        return new AsyncCallNode(ArrayType.DOUBLE_ARRAY, List.of(input), values -> {
            String text = (String) values[0];
            if (text == null) {
                return CompletableFuture.completedFuture(null);
            }
            return context.shareIdentical(new RequestSharing.Key(function, modelId, location.record().id(), List.of(text, String.valueOf(size))),
                    () -> ai.call(new AiServices.CallSite(run, function, modelId, location, account, nullOnError), AiServices.estimateTokens(text),
                            (current, signing, track) -> ai.embed(model, modelId, text, size, current, signing, track)));
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object values) {
        return (List<Object>) values;
    }

    /** Text arguments accept any type and are converted, as Firebolt does with implicit casts to TEXT. */
    private static Node text(Node node, String function, String parameter) {
        if (node.type() == ScalarType.TEXT || node.type() == ScalarType.NULL) {
            return node;
        }
        if (node.type() instanceof ArrayType) {
            throw new OutcropException(OutcropErrorCode.TYPE_MISMATCH, function + ": " + parameter + " must be TEXT, but is " + node.type().sqlName());
        }
        return new dev.outcrop.core.internal.eval.OperatorNode(ScalarType.TEXT, List.of(node), v -> v[0] == null ? null : SqlValues.toText(v[0]));
    }

    static String literalText(Expression argument, String function, String parameter, String example) {
        if (argument instanceof StringLiteral literal) {
            return literal.value();
        }
        throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function + ": " + parameter
                + " must be a literal constant such as " + example + ", not a column or an expression; it is checked before any call is made");
    }

    private static boolean literalBoolean(Expression argument, String function) {
        if (argument == null) {
            return false;
        }
        if (argument instanceof BooleanLiteral literal) {
            return literal.value();
        }
        throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function
                + ": NULL_ON_ERROR must be the literal TRUE or FALSE, not a column or an expression; it is checked before any call is made");
    }
}
