package dev.outcrop.core.internal.source;

/**
 * How READ_CSV splits a file, with Firebolt's parameter names: HEADER, DELIMITER, QUOTE, ESCAPE,
 * NULL_STRING, SKIP_BLANK_LINES, EMPTY_FIELD_AS_NULL.
 *
 * @param escape the character that escapes a quote inside a quoted field; the quote itself means RFC 4180's doubled quote
 * @param nullString a field equal to it (unquoted) reads as NULL, or null for none
 */
public record CsvOptions(boolean header, char delimiter, char quote, char escape, String nullString, boolean skipBlankLines,
                         boolean emptyFieldAsNull) {

    public static final CsvOptions DEFAULTS = new CsvOptions(false, ',', '"', '"', null, false, true);
}
