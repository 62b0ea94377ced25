package dev.outcrop.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The dependency rules of the hexagon, over the production classes of every module. A rule that fails
 * names the class and the dependency that broke it.
 */
@AnalyzeClasses(packages = "dev.outcrop", importOptions = ImportOption.DoNotIncludeTests.class)
final class HexagonRulesTest {

    /** The technologies core and the catalog SPI must not know. */
    static final String[] ADAPTER_TECHNOLOGIES = {
        "io.vertx..", "software.amazon.awssdk..", "java.sql..", "javax.sql..", "com.google.inject..", "com.fasterxml.jackson.databind..",
        "org.h2..", "org.postgresql..", "com.zaxxer..", "org.flywaydb..", "org.bouncycastle.."
    };

    @ArchTest
    static final ArchRule coreIsFreeOfAdapterTechnologies = noClasses()
            .that().resideInAnyPackage("dev.outcrop.core..", "dev.outcrop.catalog.spi..")
            .should().dependOnClassesThat().resideInAnyPackage(ADAPTER_TECHNOLOGIES)
            .because("core and the catalog SPI are the hexagon: adapters translate to these technologies, the hexagon never sees them");

    @ArchTest
    static final ArchRule catalogSpiNeedsOnlyTheJdk = classes()
            .that().resideInAPackage("dev.outcrop.catalog.spi..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.outcrop.catalog.spi..", "java..")
            .because("an extension author who implements the catalog SPI must pull in nothing but it");

    @ArchTest
    static final ArchRule coreDependsOnNoAdapter = noClasses()
            .that().resideInAPackage("dev.outcrop.core..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.outcrop.sql..", "dev.outcrop.catalog.jdbc..", "dev.outcrop.bedrock..",
                    "dev.outcrop.vertx..")
            .because("adapters depend on core, never the other way round");

    @ArchTest
    static final ArchRule adaptersAreIndependentOfEachOther = slices()
            .matching("dev.outcrop.(sql|catalog.jdbc|bedrock.client|bedrock.s3)..")
            .should().notDependOnEachOther()
            .because("each adapter translates one technology; they meet only in the composition root");

    @ArchTest
    static final ArchRule emulatorSharesNoCodeWithTheClient = noClasses()
            .that().resideInAPackage("dev.outcrop.bedrock.emulator..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.outcrop.bedrock.client..", "dev.outcrop.bedrock.s3..", "dev.outcrop.core..")
            .because("the emulator checks the client honestly only if it shares no code with it");

    @ArchTest
    static final ArchRule serverTlsAndTokensStayApart = slices()
            .matching("dev.outcrop.vertx.(auth|tls)..")
            .should().notDependOnEachOther()
            .because("transport security (certificates) and caller identity (tokens) change for different reasons");

    @ArchTest
    static final ArchRule noModuleUsesAnotherModulesInternals = noClasses()
            .should(InternalPackageCondition.ACCESS_ANOTHER_MODULES_INTERNALS)
            .because("internal packages are implementation; only their own module may use them");

    @ArchTest
    static final ArchRule noPackageCycles = slices()
            .matching("dev.outcrop.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule examplesUsePublicApiOnly = noClasses()
            .that().resideInAPackage("dev.outcrop.examples..")
            .should().dependOnClassesThat().resideInAPackage("..internal..")
            .because("examples show what users may write");

    @ArchTest
    static final ArchRule nothingDependsOnTheSparkModule = noClasses()
            .that().resideOutsideOfPackage("dev.outcrop.spark..")
            .and().resideInAPackage("dev.outcrop..")
            .should().dependOnClassesThat().resideInAPackage("dev.outcrop.spark..")
            .because("outcrop-spark is a driving adapter for Spark jobs; the SDK and the server must run without Spark");

    @ArchTest
    static final ArchRule sparkCatalystSideReachesAwsAndJdbcThroughTheRuntime = noClasses()
            .that().resideInAnyPackage("dev.outcrop.spark.internal.plan..", "dev.outcrop.spark.config..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "java.sql..", "dev.outcrop.bedrock..",
                    "dev.outcrop.catalog.jdbc..")
            .because("the Catalyst side only plans; the executor runtime (dev.outcrop.spark.internal.runtime) composes core with the AWS clients and the catalog");

    @ArchTest
    static final ArchRule noJavaUtilLogging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    @ArchTest
    static final ArchRule noStandardStreamsInLibraries = noClasses()
            .that().resideInAnyPackage("dev.outcrop.core..", "dev.outcrop.catalog..", "dev.outcrop.sql..", "dev.outcrop.bedrock.client..",
                    "dev.outcrop.spark..", "dev.outcrop.bedrock.s3..")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("libraries log through SLF4J; only main() programs print");
}
