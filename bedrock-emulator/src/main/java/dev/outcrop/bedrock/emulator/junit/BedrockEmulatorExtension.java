package dev.outcrop.bedrock.emulator.junit;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class one emulator with the default identities and roles ({@link EmulatorConfig#defaults()}) on a free
 * port. Before each test the call log is cleared and faults are reset, so every test starts from a quiet emulator;
 * after the class it is closed. Inject it as a constructor, test-method or lifecycle-method parameter:
 *
 * <pre>{@code
 * @ExtendWith(BedrockEmulatorExtension.class)
 * class MyTest {
 *     @Test
 *     void answers(BedrockEmulator emulator) { ... emulator.endpoint() ... }
 * }
 * }</pre>
 * Nested classes share their outermost class's emulator.
 */
public final class BedrockEmulatorExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(BedrockEmulatorExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        BedrockEmulator emulator = emulator(context);
        emulator.clearCalls();
        emulator.faults().reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == BedrockEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return emulator(extensionContext);
    }

    /** The emulator of the outermost test class, started on first use (PER_CLASS instances are built before beforeAll). */
    private static BedrockEmulator emulator(ExtensionContext context) {
        ExtensionContext owner = context;
        while (owner.getParent().isPresent() && owner.getParent().get().getTestClass().isPresent()) {
            owner = owner.getParent().get();
        }
        return owner.getStore(NAMESPACE)
                .getOrComputeIfAbsent("emulator", key -> new Running(), Running.class).emulator;
    }

    /** Closed by JUnit when the owning class's context ends. */
    private static final class Running implements AutoCloseable {
        private final BedrockEmulator emulator =
                BedrockEmulator.start(EmulatorConfig.defaults().toBuilder().port(0).build());
        private final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                emulator.close();
            }
        }
    }
}
