package io.browsergrid;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Core holds the logic and knows no cloud SDK, no server library and no Spring web or servlet types; its feature
 * packages depend on each other in one direction only, and only the composition root (the root package) sees them all.
 */
class ArchitectureTest {
  private final JavaClasses core = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.browsergrid");

  @Test
  void coreImportsNoCloudSdk() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "software.amazon..", "com.amazonaws..", "com.google.cloud..", "com.google.api..", "com.azure..",
            "com.microsoft.azure..")
        .check(core);
  }

  @Test
  void coreImportsNoServerLibraryOrWebFramework() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "io.netty..", "org.eclipse.jetty..", "io.undertow..", "javax.servlet..", "jakarta.servlet..",
            "org.springframework.web..", "org.springframework.http..", "com.sun.net.httpserver..")
        .check(core);
  }

  @Test
  void thereAreNoGrabBagPackages() {
    noClasses().should().resideInAnyPackage("..util..", "..utils..", "..common..", "..helpers..", "..manager..")
        .check(core);
  }

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("io.browsergrid.(*)..").should().beFreeOfCycles().check(core);
  }

  @Test
  void onlyTheCompositionRootDependsOnTheRootPackage() {
    noClasses().that().resideOutsideOfPackage("io.browsergrid")
        .should().dependOnClassesThat().resideInAPackage("io.browsergrid")
        .check(core);
  }

  @Test
  void theDomainRefusesInItsOwnWordsAndOnlyTheApiLayerSpeaksHttpProblems() {
    noClasses().that().resideInAnyPackage("io.browsergrid.auth..", "io.browsergrid.session..",
            "io.browsergrid.pool..", "io.browsergrid.webhook..", "io.browsergrid.usage..", "io.browsergrid.cleanup..",
            "io.browsergrid.admission..", "io.browsergrid.store..", "io.browsergrid.event..",
            "io.browsergrid.browser..")
        .should().dependOnClassesThat().resideInAPackage("io.browsergrid.http")
        .check(core);
  }
}
