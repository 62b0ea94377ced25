package dev.outcrop.build.junit;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints, on the build's console, every test that did not run and why: tests disabled by a condition
 * (PostgreSQL unreachable, an opt-in variable unset) and tests aborted by an assumption (npm packages
 * missing, no curl). Surefire counts such tests as skipped but keeps the reason in its reports, and the
 * tests' own output goes to files ({@code redirectTestOutputToFile}), so without this a skip would show
 * only as a number.
 *
 * <p>The line goes to the test JVM's native standard error, which Surefire copies to the console as it
 * is, rather than to {@code System.err}, which Surefire captures into the report files. Registered
 * through {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}; the parent POM
 * adds this directory to every module's test sources.
 */
public final class SkipReasonPrinter implements TestExecutionListener {

    private static final PrintStream CONSOLE = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        print(test, reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            print(test, result.getThrowable().map(Throwable::getMessage).orElse(null));
        }
    }

    private static void print(TestIdentifier test, String reason) {
        CONSOLE.println("[WARNING] Skipped " + name(test) + ": " + (reason == null || reason.isBlank() ? "no reason given" : reason.strip()));
    }

    private static String name(TestIdentifier test) {
        TestSource source = test.getSource().orElse(null);
        if (source instanceof MethodSource method) {
            return method.getClassName() + "." + method.getMethodName();
        }
        if (source instanceof ClassSource type) {
            return type.getClassName();
        }
        return test.getDisplayName();
    }
}
