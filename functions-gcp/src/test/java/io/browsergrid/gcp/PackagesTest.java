package io.browsergrid.gcp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * This module's own classes live in packages of its own (one per technology beneath a core port, the deployable's to
 * come), so no package spans two jars, and its packages form no cycle.
 */
class PackagesTest {
  private final JavaClasses own = new ClassFileImporter().importPath(Path.of("target/classes"));

  @Test
  void everyClassLivesInAPackageOfThisModule() {
    classes().should().resideInAnyPackage("io.browsergrid.gcp..", "io.browsergrid.store.firestore",
        "io.browsergrid.event.pubsub", "io.browsergrid.browser.cloudrun").check(own);
  }

  @Test
  void itsPackagesFormNoCycle() {
    slices().matching("io.browsergrid.(**)").should().beFreeOfCycles().check(own);
  }
}
