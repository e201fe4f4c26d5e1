package dev.remotecache.mock;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The mock's shape, held: WireMock, Jetty and the servlet API appear only in the server adapters
 * ({@code server..}); the pipeline and everything it uses are transport-neutral, in layers that
 * only look down.
 */
@AnalyzeClasses(packages = "dev.remotecache.mock", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule transportStaysInTheServerAdapters =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.remotecache.mock.server..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "com.github.tomakehurst.wiremock..",
              "wiremock..",
              "org.eclipse.jetty..",
              "jakarta.servlet..",
              "javax.servlet..")
          .because("adapters sit at the edge; the pipeline must not know which server runs it");

  @ArchTest
  static final ArchRule layers =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("entry points").definedBy("dev.remotecache.mock.cli..", "dev.remotecache.mock.junit..")
          .layer("facade").definedBy("dev.remotecache.mock")
          .layer("server adapters").definedBy("dev.remotecache.mock.server..")
          .layer("pipeline").definedBy("dev.remotecache.mock.pipeline..", "dev.remotecache.mock.admin..")
          .layer("operations")
          .definedBy(
              "dev.remotecache.mock.operations..",
              "dev.remotecache.mock.proxy..",
              "dev.remotecache.mock.overrides..",
              "dev.remotecache.mock.verify..")
          .layer("domain")
          .definedBy(
              "dev.remotecache.mock.contract..",
              "dev.remotecache.mock.journal..",
              "dev.remotecache.mock.store..")
          .layer("http values").definedBy("dev.remotecache.mock.http..")
          .whereLayer("entry points").mayNotBeAccessedByAnyLayer()
          .whereLayer("facade").mayOnlyBeAccessedByLayers("entry points", "server adapters")
          .whereLayer("server adapters").mayOnlyBeAccessedByLayers("facade")
          .whereLayer("pipeline").mayOnlyBeAccessedByLayers("facade", "server adapters")
          .whereLayer("operations").mayOnlyBeAccessedByLayers("facade", "server adapters", "pipeline", "entry points")
          .whereLayer("domain")
          .mayOnlyBeAccessedByLayers("facade", "server adapters", "pipeline", "operations", "entry points")
          .because("the folder tree is the pipeline: each layer uses only those below it");
}
