package dev.outcrop.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The rules must fail when the hexagon is broken: checked here on classes written to break them.
 */
final class InternalPackageConditionTest {

    @Test
    void violates_isTrueOnlyForAnotherModulesInternals() {
        assertThat(InternalPackageCondition.violates("dev.outcrop.vertx", "dev.outcrop.core.internal")).isTrue();
        assertThat(InternalPackageCondition.violates("dev.outcrop.vertx.internal", "dev.outcrop.core.internal.eval")).isTrue();
        assertThat(InternalPackageCondition.violates("dev.outcrop.core", "dev.outcrop.core.internal")).isFalse();
        assertThat(InternalPackageCondition.violates("dev.outcrop.core.internal", "dev.outcrop.core.internal.eval")).isFalse();
        assertThat(InternalPackageCondition.violates("dev.outcrop.core", "dev.outcrop.core.internalish")).isFalse();
        assertThat(InternalPackageCondition.violates("dev.outcrop.core", "java.util")).isFalse();
    }

    @Test
    void coreRule_failsOnACoreClassThatImportsVertx() {
        JavaClasses broken = new ClassFileImporter().importClasses(dev.outcrop.core.fixture.CoreClassUsingVertx.class);

        EvaluationResult result = HexagonRulesTest.coreIsFreeOfAdapterTechnologies.evaluate(broken);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("CoreClassUsingVertx").contains("io.vertx.core.Vertx");
    }

    @Test
    void coreRule_failsOnACoreClassThatImportsJacksonDatabind() {
        JavaClasses broken = new ClassFileImporter().importClasses(dev.outcrop.core.fixture.CoreClassUsingDatabind.class);

        assertThat(HexagonRulesTest.coreIsFreeOfAdapterTechnologies.evaluate(broken).hasViolation()).isTrue();
    }

    @Test
    void internalRule_failsOnAServerClassThatUsesCoreInternals() {
        JavaClasses broken = new ClassFileImporter().importClasses(dev.outcrop.vertx.fixture.ServerClassUsingCoreInternals.class);

        EvaluationResult result = HexagonRulesTest.noModuleUsesAnotherModulesInternals.evaluate(broken);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("dev.outcrop.core.internal");
    }

    @Test
    void layersRule_failsWhenALowerRoomOfCoreReachesUp() {
        JavaClasses broken = new ClassFileImporter().importClasses(dev.outcrop.core.internal.dispatch.fixture.SchedulerReachingUp.class,
                dev.outcrop.core.internal.engine.Engine.class);

        EvaluationResult result = CoreLayersTest.coreInternalsAreLayered.evaluate(broken);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("SchedulerReachingUp").contains("Engine");
    }
}
