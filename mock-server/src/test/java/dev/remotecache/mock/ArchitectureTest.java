package dev.remotecache.mock;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The mock's shape, held: WireMock, Jetty and the servlet API appear only in the server adapters
 * ({@code internal.server..}); the pipeline and everything it uses are transport-neutral, in layers
 * that only look down; what users program against ({@code RemoteCacheMock}, the JUnit extension,
 * the journal, verification, overrides and store types) never exposes an internal type.
 */
@AnalyzeClasses(
    packages = "dev.remotecache.mock",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /**
   * WireMock's stub DSL, which {@code stubFor} takes as WireMock users write it: Java 11 classes
   * that build and write a stub mapping (its JSON goes to the server, in this JVM or another one).
   */
  static final String[] WIREMOCK_DSL = {
    "com.github.tomakehurst.wiremock.client..",
    "com.github.tomakehurst.wiremock.stubbing..",
    "com.github.tomakehurst.wiremock.matching.."
  };

  @ArchTest
  static final ArchRule transportStaysInTheServerAdapters =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.remotecache.mock.internal.server..")
          .should()
          .dependOnClassesThat(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "are WireMock's, Jetty's or the servlet API's (but WireMock's stub DSL in the"
                      + " facade and the JUnit extension)",
                  type -> {
                    String p = type.getPackageName();
                    return (p.startsWith("com.github.tomakehurst.wiremock") && !isDsl(p))
                        || p.startsWith("wiremock")
                        || p.startsWith("org.eclipse.jetty")
                        || p.startsWith("jakarta.servlet")
                        || p.startsWith("javax.servlet");
                  }))
          .because("adapters sit at the edge; the pipeline must not know which server runs it");

  @ArchTest
  static final ArchRule theStubDslOnlyInTheFacade =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "dev.remotecache.mock",
              "dev.remotecache.mock.junit..",
              "dev.remotecache.mock.internal.server..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(WIREMOCK_DSL)
          .because(
              "stubFor takes WireMock's DSL; everything below the facade sees the stub's JSON");

  private static boolean isDsl(String pkg) {
    return pkg.startsWith("com.github.tomakehurst.wiremock.client")
        || pkg.startsWith("com.github.tomakehurst.wiremock.stubbing")
        || pkg.startsWith("com.github.tomakehurst.wiremock.matching");
  }

  @ArchTest
  static final ArchRule layers =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("entry points")
          .definedBy("dev.remotecache.mock.cli..", "dev.remotecache.mock.junit..")
          .layer("facade")
          .definedBy("dev.remotecache.mock")
          .layer("engines")
          .definedBy(
              "dev.remotecache.mock.internal.engine..", "dev.remotecache.mock.internal.inprocess..")
          .layer("server adapters")
          .definedBy("dev.remotecache.mock.internal.server..")
          .layer("pipeline")
          .definedBy(
              "dev.remotecache.mock.internal.pipeline..", "dev.remotecache.mock.internal.admin..")
          .layer("operations")
          .definedBy(
              "dev.remotecache.mock.internal.operations..",
              "dev.remotecache.mock.internal.proxy..",
              "dev.remotecache.mock.internal.record..",
              "dev.remotecache.mock.overrides..",
              "dev.remotecache.mock.verify..",
              "dev.remotecache.mock.internal.check..")
          .layer("domain")
          .definedBy(
              "dev.remotecache.mock.internal.contract..",
              "dev.remotecache.mock.journal..",
              "dev.remotecache.mock.store..",
              "dev.remotecache.mock.coverage..",
              "dev.remotecache.mock.internal.coverage..")
          .layer("http values")
          .definedBy("dev.remotecache.mock.internal.http..")
          .whereLayer("entry points")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("facade")
          .mayOnlyBeAccessedByLayers("entry points", "engines", "server adapters")
          .whereLayer("engines")
          .mayOnlyBeAccessedByLayers("facade")
          .whereLayer("server adapters")
          .mayOnlyBeAccessedByLayers("engines")
          .whereLayer("pipeline")
          .mayOnlyBeAccessedByLayers("engines", "server adapters")
          .whereLayer("operations")
          .mayOnlyBeAccessedByLayers(
              "facade", "engines", "server adapters", "pipeline", "entry points")
          .whereLayer("domain")
          .mayOnlyBeAccessedByLayers(
              "facade", "engines", "server adapters", "pipeline", "operations", "entry points")
          .because("the folder tree is the pipeline: each layer uses only those below it");

  /**
   * The pipeline in its own terms: a request's operation is found in {@code Operations} (built once
   * per route), and the contract is asked once per request, through {@code ContractCheck.admit}.
   */
  @ArchTest
  static final ArchRule thePipelineFindsOperationsInItsOwnTable =
      noClasses()
          .that()
          .resideInAPackage("dev.remotecache.mock.internal.pipeline..")
          .should()
          .callMethodWhere(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "a look-up of the validator's operation (ApiContract.operationFor)",
                  call ->
                      call.getTargetOwner()
                              .isEquivalentTo(dev.remotecache.contract.core.ApiContract.class)
                          && call.getName().equals("operationFor")))
          .because("an Operation is built once per route (internal.operations.Operations)");

  @ArchTest
  static final ArchRule thePipelineAsksTheContractInOneCall =
      noClasses()
          .that()
          .resideInAPackage("dev.remotecache.mock.internal.pipeline..")
          .should()
          .callMethodWhere(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "a check of ContractCheck other than admit",
                  call ->
                      call.getTargetOwner()
                              .isEquivalentTo(
                                  dev.remotecache.mock.internal.contract.ContractCheck.class)
                          && !call.getName().equals("admit")
                          && !call.getName().equals("contract")))
          .because("ContractCheck.admit admits a request or returns its violations");

  @ArchTest
  static final ArchRule noRequestStateInThreadLocals =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.remotecache.mock.internal.pipeline..",
              "dev.remotecache.mock.internal.operations..",
              "dev.remotecache.mock.internal.contract..",
              "dev.remotecache.mock.internal.http..")
          .should()
          .dependOnClassesThat()
          .areAssignableTo(ThreadLocal.class)
          .because("a request's context is passed along (OperationContext), not kept per thread");

  @ArchTest
  static final ArchRule publicMethodsReturnNoInternalType =
      com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods()
          .that()
          .arePublic()
          .and()
          .areDeclaredInClassesThat()
          .resideInAnyPackage(
              "dev.remotecache.mock",
              "dev.remotecache.mock.junit..",
              "dev.remotecache.mock.verify..",
              "dev.remotecache.mock.journal..",
              "dev.remotecache.mock.overrides..",
              "dev.remotecache.mock.store..",
              "dev.remotecache.mock.coverage..")
          .should()
          .haveRawReturnType(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "no internal type",
                  type -> !type.getPackageName().startsWith("dev.remotecache.mock.internal")))
          .because(
              "users program against the public packages only; internal ones may change any time");

  /**
   * What a Java 17 test loads, compiled for Java 17 (mock-server/pom.xml; Java17BytecodeTest reads
   * the class files).
   */
  static final String[] JAVA_17 = {
    "dev.remotecache.mock",
    "dev.remotecache.mock.junit..",
    "dev.remotecache.mock.verify..",
    "dev.remotecache.mock.journal..",
    "dev.remotecache.mock.overrides..",
    "dev.remotecache.mock.store..",
    "dev.remotecache.mock.coverage..",
    "dev.remotecache.mock.internal.engine.."
  };

  @ArchTest
  static final ArchRule theJava17PartNeverNamesTheServer =
      noClasses()
          .that()
          .resideInAnyPackage(JAVA_17)
          .should()
          .dependOnClassesThat(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "are the server's (Java 21) classes or libraries",
                  type -> {
                    String p = type.getPackageName();
                    return p.startsWith("dev.remotecache.mock.internal.")
                            && !p.startsWith("dev.remotecache.mock.internal.engine")
                        || p.startsWith("dev.remotecache.mock.cli")
                        || p.startsWith("dev.remotecache.contract")
                        || p.startsWith("com.atlassian")
                        || p.startsWith("com.github.tomakehurst") && !isDsl(p)
                        || p.startsWith("wiremock");
                  }))
          .because(
              "a Java 17 JVM must never load them: the facade creates the in-process engine by"
                  + " name (MockEngines), and only on Java 21+");
}
