package io.audiohook.connector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import io.smallrye.config.ConfigMapping;

/**
 * The house's layering, checked on the production classes at every build: the cores know no framework, the
 * packages form no cycle, the adapters never reach into the wiring, and nothing in production depends on the
 * emulator or on test code.
 */
@AnalyzeClasses(packages = "io.audiohook.connector", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    static final String[] FRAMEWORKS = { "jakarta..", "io.quarkus..", "io.vertx..", "io.micrometer..",
        "io.smallrye..", "org.eclipse.microprofile.." };

    /** Protocol, authentication, audio, the call core and retrying run and are tested without Quarkus. */
    @ArchTest
    static final ArchRule coresAreFrameworkFree = noClasses()
            .that().resideInAnyPackage("..connector.protocol..", "..connector.auth..", "..connector.audio..",
                    "..connector.call..", "..connector.retry..")
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
            .because("the cores take a clock and a transport and are unit-tested without booting Quarkus");

    /** Agent Assist's state machines are plain Java too; only Google's client and gRPC come in. */
    @ArchTest
    static final ArchRule assistIsFrameworkFree = noClasses()
            .that().resideInAPackage("..connector.assist..")
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
            .because("Quarkus wiring of Agent Assist lives in app");

    /** What the console knows is plain Java; it is served (SSE, Redis announcements) from web and publish. */
    @ArchTest
    static final ArchRule consoleIsFrameworkFree = noClasses()
            .that().resideInAPackage("..connector.console..")
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
            .orShould().dependOnClassesThat().resideInAnyPackage("..connector.web..", "..connector.publish..")
            .because("a call's threads record on the console without waiting for anything a framework does");

    /** The demo caller runs in a terminal (bench/demo.sh) as well as in the service, so it is plain Java. */
    @ArchTest
    static final ArchRule demoCallerIsFrameworkFree = noClasses()
            .that().resideInAPackage("..connector.demo..")
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
            .because("bench/demo.sh runs it with the JDK and Jackson only, and the web layer calls the same code");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.audiohook.connector.(*)..").should()
            .beFreeOfCycles();

    /** The wiring knows the adapters; the adapters only receive what it makes (settings, beans). */
    @ArchTest
    static final ArchRule adaptersDoNotReachIntoTheWiring = noClasses()
            .that().resideOutsideOfPackage("..connector.app..")
            .should().dependOnClassesThat().resideInAPackage("..connector.app..");

    @ArchTest
    static final ArchRule productionNeverUsesTheEmulator = noClasses()
            .that().resideOutsideOfPackage("..connector.emulator..")
            .should().dependOnClassesThat().resideInAPackage("..connector.emulator..")
            .because("a production instance must never answer as if it were Dialogflow");

    /** Test-only packages (the AudioHook client, benchmarks, contract checks, the test kit). */
    @ArchTest
    static final ArchRule productionNeverUsesTestCode = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("..connector.client..", "..connector.bench..",
                    "..connector.contract..", "..connector.testkit..", "..connector.deploy..", "..connector.ops..",
                    "org.junit..", "io.quarkus.test..", "com.github.tomakehurst..");

    /** Configuration once: every mapping is in app, except the emulator's own (it is never wired in production). */
    @ArchTest
    static final ArchRule configurationIsMappedInApp = classes()
            .that().areAnnotatedWith(ConfigMapping.class)
            .should().resideInAnyPackage("..connector.app..", "..connector.emulator..");
}
