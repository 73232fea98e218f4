package io.browsergrid.serverless;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The serverless layer is what every cloud shares: it knows no cloud SDK and no function framework. */
class ArchitectureTest {
  private final JavaClasses layer = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.browsergrid.serverless", "io.browsergrid.browser.unconfigured", "io.browsergrid.secret");

  @Test
  void itImportsNoCloudSdkOrFunctionFramework() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "software.amazon..", "com.amazonaws..", "com.google.cloud..", "com.google.api..", "com.azure..",
            "com.microsoft.azure..", "org.springframework..")
        .check(layer);
  }
}
