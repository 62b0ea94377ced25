package dev.outcrop.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rooms of core's internals and which may use which. Read it top-down: the engine runs statements
 * (select, ddl); a SELECT compiles expressions (expr) against its plan, and its AI functions (ai) make
 * calls through the scheduler (dispatch), the budget ledger (budget) and the credential chain
 * (credentials); service accounts' statements and secret checks (identity) sit beside the statements;
 * everything below knows nothing of what is above it.
 */
@AnalyzeClasses(packages = "dev.outcrop.core", importOptions = ImportOption.DoNotIncludeTests.class)
final class CoreLayersTest {

    private static final String INTERNAL = "dev.outcrop.core.internal.";

    @ArchTest
    static final ArchRule coreInternalsAreLayered = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Api").definedBy("dev.outcrop.core")
            .layer("Engine").definedBy(INTERNAL + "engine..")
            .layer("Statements").definedBy(INTERNAL + "select..", INTERNAL + "ddl..")
            .layer("Identity").definedBy(INTERNAL + "identity..")
            .layer("Sources").definedBy(INTERNAL + "source..")
            .layer("Ai").definedBy(INTERNAL + "ai..")
            .layer("Expressions").definedBy(INTERNAL + "expr..")
            .layer("Planning").definedBy(INTERNAL + "plan..")
            .layer("Credentials").definedBy(INTERNAL + "credentials..")
            .layer("Catalog").definedBy(INTERNAL + "catalog..", INTERNAL + "seal..")
            .layer("Access").definedBy(INTERNAL + "access..")
            .layer("Dispatch").definedBy(INTERNAL + "dispatch..")
            .layer("Budget").definedBy(INTERNAL + "budget..")
            .layer("Runs").definedBy(INTERNAL + "run..")
            .layer("Evaluation").definedBy(INTERNAL + "eval..")
            .layer("Concurrency").definedBy(INTERNAL + "concurrent..")
            .whereLayer("Engine").mayOnlyBeAccessedByLayers("Api")
            .whereLayer("Statements").mayOnlyBeAccessedByLayers("Engine")
            .whereLayer("Identity").mayOnlyBeAccessedByLayers("Statements", "Engine")
            .whereLayer("Sources").mayOnlyBeAccessedByLayers("Statements", "Engine", "Api")
            .whereLayer("Ai").mayOnlyBeAccessedByLayers("Statements", "Engine")
            .whereLayer("Expressions").mayOnlyBeAccessedByLayers("Ai", "Statements", "Sources")
            .whereLayer("Planning").mayOnlyBeAccessedByLayers("Expressions", "Ai", "Statements", "Sources")
            .whereLayer("Credentials").mayOnlyBeAccessedByLayers("Planning", "Ai", "Statements", "Engine", "Sources")
            .whereLayer("Catalog").mayOnlyBeAccessedByLayers("Credentials", "Planning", "Statements", "Engine")
            .whereLayer("Access").mayOnlyBeAccessedByLayers("Planning", "Statements", "Identity")
            .whereLayer("Dispatch").mayOnlyBeAccessedByLayers("Ai", "Engine")
            .whereLayer("Budget").mayOnlyBeAccessedByLayers("Ai", "Statements", "Engine")
            .whereLayer("Runs").mayOnlyBeAccessedByLayers("Dispatch", "Planning", "Ai", "Statements", "Engine", "Api", "Sources")
            .whereLayer("Evaluation").mayOnlyBeAccessedByLayers("Expressions", "Ai", "Statements", "Sources")
            .because("a newcomer finds the room for a change by its name, and a room never reaches up into the rooms that use it");
}
