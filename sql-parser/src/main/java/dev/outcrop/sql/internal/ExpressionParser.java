package dev.outcrop.sql.internal;

import dev.outcrop.core.expression.ReservedWords;
import dev.outcrop.core.expression.BinaryExpression;
import dev.outcrop.core.expression.BinaryOperator;
import dev.outcrop.core.expression.BooleanLiteral;
import dev.outcrop.core.expression.CaseExpression;
import dev.outcrop.core.expression.CastExpression;
import dev.outcrop.core.expression.ColumnReference;
import dev.outcrop.core.expression.DoubleLiteral;
import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.expression.FunctionArgument;
import dev.outcrop.core.expression.FunctionCall;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.expression.IntegerLiteral;
import dev.outcrop.core.expression.IsNullPredicate;
import dev.outcrop.core.expression.NullLiteral;
import dev.outcrop.core.expression.StringLiteral;
import dev.outcrop.core.expression.UnaryExpression;
import dev.outcrop.core.expression.UnaryOperator;
import dev.outcrop.core.expression.WhenClause;
import dev.outcrop.core.type.SqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads expressions by precedence climbing (one method for every binary level, which keeps the
 * recursion per nesting level short). It tracks the height of the tree it builds, so that a long
 * chain such as {@code 1+1+1+...} is refused like deep parentheses are: whatever walks the tree
 * later recurses as deep as it is high.
 */
final class ExpressionParser {

    private final TokenCursor in;
    private final NestingGuard guard;
    private final TypeNameParser types;
    /** Height of the tree returned by the last parse call; a side channel to avoid wrapping every result. */
    private int height;

    ExpressionParser(TokenCursor in, NestingGuard guard) {
        this.in = in;
        this.guard = guard;
        this.types = new TypeNameParser(in, guard);
    }

    Expression parse() {
        return parse(0);
    }

    private Expression parse(int minPrecedence) {
        Token start = in.current();
        int before = guard.enter(start);
        try {
            Expression left = parsePrefix();
            int leftHeight = height;
            while (true) {
                Token token = in.current();
                if (token.isWord("is") && minPrecedence <= Precedence.IS) {
                    in.advance();
                    boolean negated = in.acceptWord("not");
                    in.expectWord("null", negated ? "after IS NOT" : "after IS");
                    left = new IsNullPredicate(left, negated);
                    leftHeight = grow(leftHeight, token);
                    continue;
                }
                if (token.type() == TokenType.DOUBLE_COLON && minPrecedence <= Precedence.CAST) {
                    in.advance();
                    SqlType type = types.parse();
                    left = new CastExpression(left, type);
                    leftHeight = grow(leftHeight, token);
                    continue;
                }
                BinaryOperator operator = binaryOperator(token);
                if (operator == null) {
                    break;
                }
                int precedence = Precedence.of(operator);
                if (precedence < minPrecedence) {
                    break;
                }
                in.advance();
                Expression right = parse(precedence + 1);
                left = new BinaryExpression(operator, left, right);
                leftHeight = grow(Math.max(leftHeight, height), token);
            }
            height = leftHeight;
            return left;
        }
        finally {
            guard.restore(before);
        }
    }

    private int grow(int childHeight, Token at) {
        int grown = childHeight + 1;
        guard.check(grown, at);
        return grown;
    }

    private Expression parsePrefix() {
        Token token = in.current();
        if (token.isWord("not")) {
            in.advance();
            Expression operand = parse(Precedence.NOT);
            height = grow(height, token);
            return new UnaryExpression(UnaryOperator.NOT, operand);
        }
        if (token.type() == TokenType.MINUS || token.type() == TokenType.PLUS) {
            in.advance();
            Expression operand = parse(Precedence.UNARY);
            height = grow(height, token);
            return new UnaryExpression(token.type() == TokenType.MINUS ? UnaryOperator.NEGATE : UnaryOperator.PLUS, operand);
        }
        return parsePrimary();
    }

    private Expression parsePrimary() {
        Token token = in.current();
        height = 1;
        switch (token.type()) {
            case STRING:
                in.advance();
                return new StringLiteral(token.value());
            case INTEGER:
                in.advance();
                return new IntegerLiteral(integerValue(in, token));
            case DECIMAL:
                in.advance();
                return new DoubleLiteral(doubleValue(token));
            case LEFT_PAREN: {
                in.advance();
                Expression inner = parse(0);
                in.expect(TokenType.RIGHT_PAREN, "to close '('");
                return inner;
            }
            case QUOTED_IDENTIFIER:
                return parseNameOrCall();
            case WORD:
                break;
            default:
                throw in.expected("an expression");
        }
        switch (token.value()) {
            case "null":
                in.advance();
                return NullLiteral.INSTANCE;
            case "true":
                in.advance();
                return BooleanLiteral.TRUE;
            case "false":
                in.advance();
                return BooleanLiteral.FALSE;
            case "case":
                return parseCase();
            case "cast":
                return parseCast();
            default:
                if (ReservedWords.isReserved(token.value())) {
                    throw in.expected("an expression");
                }
                return parseNameOrCall();
        }
    }

    private Expression parseNameOrCall() {
        Token first = in.advance();
        Identifier name = new Identifier(first.value());
        if (in.is(TokenType.LEFT_PAREN)) {
            return parseCall(name);
        }
        List<Identifier> parts = new ArrayList<>(2);
        parts.add(name);
        while (in.accept(TokenType.DOT)) {
            parts.add(in.identifier("a name after '.'"));
        }
        return new ColumnReference(parts);
    }

    private Expression parseCall(Identifier name) {
        in.advance();
        List<FunctionArgument> arguments = new ArrayList<>(4);
        int maxHeight = 0;
        if (!in.is(TokenType.RIGHT_PAREN)) {
            do {
                Token argumentStart = in.current();
                Identifier argumentName = null;
                if (TokenCursor.isIdentifier(argumentStart) && in.peek(1).type() == TokenType.ARROW) {
                    argumentName = new Identifier(argumentStart.value());
                    in.advance();
                    in.advance();
                }
                else if (argumentStart.type() == TokenType.RIGHT_PAREN) {
                    throw in.errorAt(argumentStart, "expected an argument after ',' but found ')': remove the trailing comma");
                }
                Expression value = parse(0);
                maxHeight = Math.max(maxHeight, height);
                arguments.add(new FunctionArgument(argumentName, value));
            }
            while (in.accept(TokenType.COMMA));
        }
        in.expect(TokenType.RIGHT_PAREN, "to close the arguments of " + name.value().toUpperCase(Locale.ROOT) + "(");
        height = maxHeight + 1;
        return new FunctionCall(name, arguments);
    }

    private Expression parseCase() {
        Token caseToken = in.advance();
        int maxHeight = 0;
        Expression operand = null;
        if (!in.isWord("when")) {
            operand = parse(0);
            maxHeight = height;
        }
        List<WhenClause> whenClauses = new ArrayList<>(2);
        while (in.isWord("when")) {
            in.advance();
            Expression condition = parse(0);
            maxHeight = Math.max(maxHeight, height);
            in.expectWord("then", "after the WHEN condition");
            Expression result = parse(0);
            maxHeight = Math.max(maxHeight, height);
            whenClauses.add(new WhenClause(condition, result));
        }
        if (whenClauses.isEmpty()) {
            throw in.expected("WHEN after CASE" + (operand == null ? "" : " and its operand"));
        }
        Expression elseResult = null;
        if (in.acceptWord("else")) {
            elseResult = parse(0);
            maxHeight = Math.max(maxHeight, height);
        }
        if (!in.isWord("end")) {
            throw in.expected(elseResult == null ? "WHEN, ELSE or END in CASE" : "END to close CASE");
        }
        in.advance();
        height = grow(maxHeight, caseToken);
        return new CaseExpression(operand, whenClauses, elseResult);
    }

    private Expression parseCast() {
        Token castToken = in.advance();
        in.expect(TokenType.LEFT_PAREN, "after CAST");
        Expression operand = parse(0);
        int operandHeight = height;
        in.expectWord("as", "after the expression in CAST(");
        SqlType type = types.parse();
        in.expect(TokenType.RIGHT_PAREN, "to close CAST(");
        height = grow(operandHeight, castToken);
        return new CastExpression(operand, type);
    }

    static long integerValue(TokenCursor in, Token token) {
        String digits = token.value();
        // Long.parseLong would accept up to 19 digits, but throws beyond; check first to avoid the exception.
        if (digits.length() < 19) {
            return Long.parseLong(digits);
        }
        try {
            return Long.parseLong(digits);
        }
        catch (NumberFormatException e) {
            throw in.errorAt(token, "integer " + in.describe(token) + " is out of range: the largest is "
                    + Long.MAX_VALUE + "; write it with a decimal point to make it a DOUBLE");
        }
    }

    private double doubleValue(Token token) {
        double value = Double.parseDouble(token.value());
        if (Double.isInfinite(value)) {
            throw in.errorAt(token, "number " + in.describe(token) + " is out of range of DOUBLE");
        }
        return value;
    }

    private static BinaryOperator binaryOperator(Token token) {
        return switch (token.type()) {
            case WORD -> token.value().equals("or") ? BinaryOperator.OR
                    : token.value().equals("and") ? BinaryOperator.AND : null;
            case EQUAL -> BinaryOperator.EQUAL;
            case NOT_EQUAL -> BinaryOperator.NOT_EQUAL;
            case LESS -> BinaryOperator.LESS_THAN;
            case LESS_EQUAL -> BinaryOperator.LESS_THAN_OR_EQUAL;
            case GREATER -> BinaryOperator.GREATER_THAN;
            case GREATER_EQUAL -> BinaryOperator.GREATER_THAN_OR_EQUAL;
            case CONCAT -> BinaryOperator.CONCAT;
            case PLUS -> BinaryOperator.ADD;
            case MINUS -> BinaryOperator.SUBTRACT;
            case STAR -> BinaryOperator.MULTIPLY;
            case SLASH -> BinaryOperator.DIVIDE;
            case PERCENT -> BinaryOperator.MODULO;
            default -> null;
        };
    }
}
