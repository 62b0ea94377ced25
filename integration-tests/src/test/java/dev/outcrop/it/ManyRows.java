package dev.outcrop.it;

/** Statements over many rows, as a user's first real query is: one Nova call per row, each row's request its own. */
final class ManyRows {

    private ManyRows() {
    }

    /** {@code (VALUES (1), (2), …, (n)) AS t(n)}. */
    static String values(int rows) {
        StringBuilder sql = new StringBuilder(rows * 8).append("(VALUES ");
        for (int i = 1; i <= rows; i++) {
            if (i > 1) {
                sql.append(',');
            }
            sql.append('(').append(i).append(')');
        }
        return sql.append(") AS t(n)").toString();
    }

    /** One AWS_BEDROCK_AI_QUERY per row through {@code location}, asking Nova to echo "row n". */
    static String novaPerRow(int rows, String location, boolean nullOnError) {
        return "SELECT n, AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', "
                + "'{\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"row ' || n || '\"}]}]}', '"
                + location + "'" + (nullOnError ? ", TRUE" : "") + ") AS answer FROM " + values(rows);
    }

    /** What the emulator answers for row n: Nova's shape, echoing the row's text. */
    static boolean answersRow(Object answer, long n) {
        return answer instanceof String text && text.contains("\"text\":\"Echo: row " + n + "\"");
    }
}
