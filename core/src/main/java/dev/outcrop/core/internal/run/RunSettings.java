package dev.outcrop.core.internal.run;


import dev.outcrop.core.execution.ExecutionLimits;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The session settings that shape how a statement runs, checked when they are SET (so a bad value is
 * refused at once, naming the setting) and read when a request starts. A session may lower the
 * deployment's limits, never raise them.
 */
public final class RunSettings {

    static final String MAX_CONCURRENCY = "ai_max_concurrency";
    static final String STATEMENT_TIMEOUT = "statement_timeout";
    /** Firebolt's JDBC driver sends the query timeout under this name, in seconds. */
    static final String MAX_EXECUTION_TIME = "max_execution_time";
    static final String ADMISSION_TIMEOUT = "ai_admission_timeout";
    static final String MAX_RETRIES = "ai_max_retries";
    static final String MAX_FAILED_ROWS = "ai_max_failed_rows";
    static final String MAX_FAILED_PERCENT = "ai_max_failed_percent";
    static final String ROWS_AHEAD = "ai_rows_ahead";
    static final String DEDUPLICATE = "ai_deduplicate_requests";

    private RunSettings() {
    }

    /** Refuses a bad value for a setting this class knows; other settings pass unchanged. */
    public static void validate(String name, String value) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case MAX_CONCURRENCY, ROWS_AHEAD -> positiveInt(name, value);
            case STATEMENT_TIMEOUT, MAX_EXECUTION_TIME, ADMISSION_TIMEOUT, MAX_RETRIES -> nonNegativeLong(name, value);
            case MAX_FAILED_ROWS -> longOrMinusOne(name, value);
            case MAX_FAILED_PERCENT -> percent(name, value);
            case DEDUPLICATE -> bool(name, value);
            default -> {
            }
        }
    }

    /** The limits a request of a session with these settings runs under. */
    public static RunLimits limits(Map<String, String> settings, ExecutionLimits deployment) {
        int concurrency = deployment.maxCallsPerStatement();
        String set = value(settings, MAX_CONCURRENCY);
        if (set != null) {
            concurrency = Math.min(concurrency, positiveInt(MAX_CONCURRENCY, set));
        }
        int rowsAhead = deployment.rowsAhead();
        set = value(settings, ROWS_AHEAD);
        if (set != null) {
            rowsAhead = Math.min(rowsAhead, positiveInt(ROWS_AHEAD, set));
        }
        long timeout = deployment.statementTimeout().toNanos();
        set = value(settings, STATEMENT_TIMEOUT);
        if (set != null) {
            timeout = TimeUnit.MILLISECONDS.toNanos(nonNegativeLong(STATEMENT_TIMEOUT, set));
        }
        else if ((set = value(settings, MAX_EXECUTION_TIME)) != null) {
            timeout = TimeUnit.SECONDS.toNanos(nonNegativeLong(MAX_EXECUTION_TIME, set));
        }
        long admission = deployment.admissionTimeout().toNanos();
        set = value(settings, ADMISSION_TIMEOUT);
        if (set != null) {
            admission = TimeUnit.MILLISECONDS.toNanos(nonNegativeLong(ADMISSION_TIMEOUT, set));
        }
        int retries = deployment.maxRetries();
        set = value(settings, MAX_RETRIES);
        if (set != null) {
            retries = (int) Math.min(retries, nonNegativeLong(MAX_RETRIES, set));
        }
        long failedRows = -1;
        set = value(settings, MAX_FAILED_ROWS);
        if (set != null) {
            failedRows = longOrMinusOne(MAX_FAILED_ROWS, set);
        }
        double failedPercent = -1;
        set = value(settings, MAX_FAILED_PERCENT);
        if (set != null) {
            failedPercent = percent(MAX_FAILED_PERCENT, set);
        }
        set = value(settings, DEDUPLICATE);
        boolean deduplicate = set == null || bool(DEDUPLICATE, set);
        return new RunLimits(concurrency, rowsAhead, timeout, admission, retries, failedRows, failedPercent, deduplicate);
    }

    private static String value(Map<String, String> settings, String name) {
        for (Map.Entry<String, String> entry : settings.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static int positiveInt(String name, String value) {
        long parsed = parse(name, value, "a whole number of at least 1, such as 32");
        if (parsed < 1 || parsed > Integer.MAX_VALUE) {
            throw bad(name, value, "a whole number of at least 1, such as 32");
        }
        return (int) parsed;
    }

    private static long nonNegativeLong(String name, String value) {
        long parsed = parse(name, value, "a whole number of 0 or more (0 means no limit)");
        if (parsed < 0) {
            throw bad(name, value, "a whole number of 0 or more (0 means no limit)");
        }
        return parsed;
    }

    private static long longOrMinusOne(String name, String value) {
        long parsed = parse(name, value, "a whole number of 0 or more, or -1 for no limit");
        if (parsed < -1) {
            throw bad(name, value, "a whole number of 0 or more, or -1 for no limit");
        }
        return parsed;
    }

    private static double percent(String name, String value) {
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed == -1 || (parsed >= 0 && parsed <= 100)) {
                return parsed;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        throw bad(name, value, "a percentage from 0 to 100, or -1 for no limit");
    }

    private static boolean bool(String name, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "on" -> true;
            case "false", "0", "off" -> false;
            default -> throw bad(name, value, "true or false");
        };
    }

    private static long parse(String name, String value, String expected) {
        try {
            return Long.parseLong(value.trim());
        }
        catch (NumberFormatException e) {
            throw bad(name, value, expected);
        }
    }

    private static OutcropException bad(String name, String value, String expected) {
        return new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "SET " + name + " = '" + value + "': the value must be " + expected);
    }
}
