package dev.outcrop.sql.internal;

import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.expression.FunctionCall;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.statement.Relation;
import dev.outcrop.core.statement.Select;
import dev.outcrop.core.statement.SelectItem;

import java.util.ArrayList;
import java.util.List;

/** {@code SELECT items [FROM relation] [WHERE condition] [LIMIT n]}; the keyword SELECT has been read. */
final class SelectParser {

    private final TokenCursor in;
    private final ExpressionParser expressions;

    SelectParser(TokenCursor in, ExpressionParser expressions) {
        this.in = in;
        this.expressions = expressions;
    }

    Select parse() {
        List<SelectItem> items = new ArrayList<>(4);
        do {
            items.add(parseItem());
        }
        while (in.accept(TokenType.COMMA));
        Relation from = null;
        if (in.acceptWord("from")) {
            from = parseRelation();
        }
        Expression where = null;
        if (in.acceptWord("where")) {
            where = expressions.parse();
        }
        Long limit = null;
        if (in.acceptWord("limit")) {
            Token count = in.current();
            if (count.type() != TokenType.INTEGER) {
                throw in.expected("a non-negative whole number after LIMIT");
            }
            in.advance();
            limit = ExpressionParser.integerValue(in, count);
        }
        return new Select(items, from, where, limit);
    }

    private SelectItem parseItem() {
        Token start = in.current();
        if (start.type() == TokenType.STAR) {
            in.advance();
            return new SelectItem.AllColumns();
        }
        if (start.isWord("from") && in.index() > 0 && in.tokens().get(in.index() - 1).type() == TokenType.COMMA) {
            throw in.errorAt(start, "expected an expression after ',' but found 'FROM': remove the trailing comma");
        }
        Expression expression = expressions.parse();
        Identifier alias = null;
        if (in.acceptWord("as")) {
            alias = in.identifier("an alias after AS");
        }
        else if (in.isIdentifier()) {
            alias = in.identifier("an alias");
        }
        return new SelectItem.SingleColumn(expression, alias);
    }

    private Relation parseRelation() {
        if (in.is(TokenType.LEFT_PAREN)) {
            return parseValues();
        }
        if (in.isIdentifier() && in.peek(1).type() == TokenType.LEFT_PAREN) {
            return parseTableFunction();
        }
        List<Identifier> parts = new ArrayList<>(3);
        parts.add(in.identifier("a table name after FROM"));
        while (in.accept(TokenType.DOT)) {
            parts.add(in.identifier("a name after '.'"));
        }
        return new Relation.TableName(parts);
    }

    /** {@code READ_CSV(URL => '...', HEADER => TRUE) [AS] [alias]}: a call whose arguments are evaluated once. */
    private Relation parseTableFunction() {
        Token start = in.current();
        Expression call = expressions.parse();
        if (!(call instanceof FunctionCall function)) {
            throw in.errorAt(start, "expected a table-valued function such as READ_CSV(...) after FROM");
        }
        Identifier alias = null;
        if (in.acceptWord("as")) {
            alias = in.identifier("a name for the function's rows after AS");
        }
        else if (in.isIdentifier()) {
            alias = in.identifier("a name for the function's rows");
        }
        return new Relation.TableFunction(function, alias);
    }

    private Relation parseValues() {
        in.advance();
        in.expectWord("values", "after '(' in FROM (only (VALUES ...) AS name(columns) is supported)");
        List<List<Expression>> rows = new ArrayList<>();
        Token firstRow = null;
        do {
            Token rowStart = in.expect(TokenType.LEFT_PAREN, "to start a row of VALUES");
            List<Expression> row = new ArrayList<>();
            do {
                row.add(expressions.parse());
            }
            while (in.accept(TokenType.COMMA));
            in.expect(TokenType.RIGHT_PAREN, "to close the row of VALUES");
            if (firstRow == null) {
                firstRow = rowStart;
            }
            else if (row.size() != rows.get(0).size()) {
                throw in.errorAt(rowStart, "this row of VALUES has " + values(row.size()) + " but the first row has "
                        + rows.get(0).size() + ": give every row the same number of values");
            }
            rows.add(row);
        }
        while (in.accept(TokenType.COMMA));
        in.expect(TokenType.RIGHT_PAREN, "to close (VALUES ...");
        in.acceptWord("as");
        Identifier alias = in.identifier("a name for the VALUES list, as in (VALUES ...) AS t(c1, c2)");
        List<Identifier> columns = new ArrayList<>();
        if (in.is(TokenType.LEFT_PAREN)) {
            Token open = in.advance();
            do {
                columns.add(in.identifier("a column name"));
            }
            while (in.accept(TokenType.COMMA));
            in.expect(TokenType.RIGHT_PAREN, "to close the column names");
            if (columns.size() != rows.get(0).size()) {
                throw in.errorAt(open, "the column list names " + columns.size() + (columns.size() == 1 ? " column" : " columns")
                        + " but the rows of VALUES have " + values(rows.get(0).size()) + ": name each value once");
            }
        }
        return new Relation.Values(rows, alias, columns);
    }

    private static String values(int count) {
        return count == 1 ? "1 value" : count + " values";
    }
}
