package dev.outcrop.sql.internal;

import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.location.LocationCredentials;
import dev.outcrop.core.location.LocationSource;
import dev.outcrop.core.statement.AlterLocation;
import dev.outcrop.core.statement.AlterLocationAction;
import dev.outcrop.core.statement.CreateLocation;
import dev.outcrop.core.statement.DropLocation;
import dev.outcrop.core.statement.Statement;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** CREATE, ALTER and DROP LOCATION; the keyword LOCATION has been read. */
final class LocationStatementParser {

    private static final List<String> OPTIONS = List.of("SOURCE", "CREDENTIALS", "URL", "DESCRIPTION", "REGION");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    private final TokenCursor in;
    private final CredentialsParser credentials;

    LocationStatementParser(TokenCursor in) {
        this.in = in;
        this.credentials = new CredentialsParser(in);
    }

    Statement parseCreate() {
        boolean ifNotExists = ScriptParser.ifNotExists(in);
        Identifier name = in.identifier("a location name");
        in.expectWord("with", "after the location name");
        Token sourceKeyword = null;
        LocationSource source = null;
        LocationCredentials locationCredentials = null;
        Token urlKeyword = null;
        String url = null;
        String description = null;
        Token descriptionKeyword = null;
        String region = null;
        Token regionKeyword = null;
        Token credentialsKeyword = null;
        boolean any = false;
        while (true) {
            Token option = in.current();
            if (option.isWord("source")) {
                rejectRepeat(sourceKeyword, option);
                sourceKeyword = in.advance();
                in.expect(TokenType.EQUAL, "after SOURCE");
                source = parseSource();
            }
            else if (option.isWord("credentials")) {
                rejectRepeat(credentialsKeyword, option);
                credentialsKeyword = in.advance();
                in.expect(TokenType.EQUAL, "after CREDENTIALS");
                locationCredentials = credentials.parse();
            }
            else if (option.isWord("url")) {
                rejectRepeat(urlKeyword, option);
                urlKeyword = in.advance();
                in.expect(TokenType.EQUAL, "after URL");
                url = string("URL", "the location's URL, such as 's3://bucket/path/'");
            }
            else if (option.isWord("description")) {
                rejectRepeat(descriptionKeyword, option);
                descriptionKeyword = in.advance();
                in.expect(TokenType.EQUAL, "after DESCRIPTION");
                description = string("DESCRIPTION", "a description");
            }
            else if (option.isWord("region")) {
                rejectRepeat(regionKeyword, option);
                regionKeyword = in.advance();
                in.expect(TokenType.EQUAL, "after REGION");
                Token value = in.current();
                region = string("REGION", "an AWS region, such as 'us-east-1'");
                if (!REGION.matcher(region).matches()) {
                    throw in.errorAt(value, "REGION '" + TokenCursor.abbreviate(region)
                            + "' is not an AWS region name: write one such as 'us-east-1'");
                }
            }
            else {
                if (option.type() == TokenType.WORD) {
                    String suggestion = Suggestions.closest(option.value(), OPTIONS);
                    if (suggestion != null) {
                        throw in.errorAt(option, "unknown option " + in.describe(option) + " in CREATE LOCATION: did you mean "
                                + suggestion + "?");
                    }
                }
                if (!ScriptParser.atStatementEnd(in)) {
                    throw in.expected(any ? "SOURCE, CREDENTIALS, URL, DESCRIPTION, REGION or the end of the statement"
                            : "SOURCE, CREDENTIALS, URL, DESCRIPTION or REGION after WITH");
                }
                break;
            }
            any = true;
        }
        Token end = in.current();
        if (source == null) {
            throw in.errorAt(end, "CREATE LOCATION needs SOURCE: add SOURCE = AMAZON_BEDROCK");
        }
        if (locationCredentials == null) {
            throw in.errorAt(end, "CREATE LOCATION needs CREDENTIALS: add CREDENTIALS = (AWS_ROLE_ARN = '...') "
                    + "or CREDENTIALS = (AWS_ACCESS_KEY_ID = '...' AWS_SECRET_ACCESS_KEY = '...')");
        }
        if (source.hasUrl() && url == null) {
            throw in.errorAt(end, "SOURCE = " + source + " needs a URL: add URL = 's3://<bucket>/<path>'");
        }
        if (!source.hasUrl() && urlKeyword != null) {
            throw in.errorAt(urlKeyword, "URL does not apply to SOURCE = " + source + ": remove it");
        }
        return new CreateLocation(name, ifNotExists, source, locationCredentials, url, description, region);
    }

    private void rejectRepeat(Token earlier, Token option) {
        if (earlier != null) {
            throw in.errorAt(option, option.value().toUpperCase(Locale.ROOT)
                    + " is given twice: give each option once");
        }
    }

    private LocationSource parseSource() {
        Token token = in.current();
        if (token.type() == TokenType.WORD || token.type() == TokenType.STRING) {
            LocationSource source = LocationSource.fromSql(token.value()).orElse(null);
            if (source != null) {
                in.advance();
                return source;
            }
            String written = token.type() == TokenType.STRING ? "'" + TokenCursor.abbreviate(token.value()) + "'" : in.describe(token);
            throw in.errorAt(token, "unknown SOURCE " + written + ": expected AMAZON_BEDROCK, AMAZON_S3 or CLOUD_STORAGE");
        }
        throw in.expected("a source (AMAZON_BEDROCK, AMAZON_S3 or CLOUD_STORAGE) after SOURCE =");
    }

    /** A string literal value of an option; {@code what} describes it for the error. */
    private String string(String option, String what) {
        Token token = in.current();
        if (token.type() != TokenType.STRING) {
            throw in.expected("a quoted string after " + option + " = (" + what + ")");
        }
        in.advance();
        return token.value();
    }

    Statement parseAlter() {
        boolean ifExists = ScriptParser.ifExists(in);
        Identifier name = in.identifier("a location name");
        AlterLocationAction action;
        if (in.acceptWord("rename")) {
            in.expectWord("to", "after RENAME");
            action = new AlterLocationAction.RenameTo(in.identifier("the new location name"));
        }
        else if (in.acceptWord("owner")) {
            in.expectWord("to", "after OWNER");
            action = new AlterLocationAction.OwnerTo(in.identifier("a user or role name"));
        }
        else if (in.acceptWord("set")) {
            Token what = in.current();
            if (what.isWord("credentials")) {
                in.advance();
                expectEqualOrTo("CREDENTIALS");
                action = new AlterLocationAction.SetCredentials(credentials.parse());
            }
            else if (what.isWord("url")) {
                in.advance();
                expectEqualOrTo("URL");
                action = new AlterLocationAction.SetUrl(string("URL", "the new URL"));
            }
            else if (what.isWord("description")) {
                in.advance();
                expectEqualOrTo("DESCRIPTION");
                action = new AlterLocationAction.SetDescription(string("DESCRIPTION", "the new description"));
            }
            else {
                throw in.expected("CREDENTIALS, URL or DESCRIPTION after SET");
            }
        }
        else {
            throw in.expected("RENAME TO, SET CREDENTIALS, SET URL, SET DESCRIPTION or OWNER TO after the location name");
        }
        return new AlterLocation(name, ifExists, action);
    }

    private void expectEqualOrTo(String option) {
        if (!in.accept(TokenType.EQUAL) && !in.acceptWord("to")) {
            throw in.expected("'=' or TO after " + option);
        }
    }

    Statement parseDrop() {
        boolean ifExists = ScriptParser.ifExists(in);
        Identifier name = in.identifier("a location name");
        boolean force = false;
        if (in.acceptWord("with")) {
            in.expectWord("force", "after WITH");
            force = true;
        }
        return new DropLocation(name, ifExists, force);
    }
}
