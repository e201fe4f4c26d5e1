package dev.remotecache.mock;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.remotecache.mock.internal.inprocess.InProcessEngines;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

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
              "dev.remotecache.mock.internal.tally..")
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
   * The Java 17 line is a module boundary: {@code remote-cache-mock-api} (what a test loads, Java
   * 17) never names the server ({@code remote-cache-mock}, Java 21), which finds its way in only
   * through {@code ServiceLoader}; and no package is split between the two, so a package says which
   * side of the line a class is on.
   */
  private static final DescribedPredicate<JavaClass> IN_THE_API_MODULE =
      DescribedPredicate.describe(
          "are in remote-cache-mock-api", readFrom(moduleOf(MockSettings.class)));

  private static final DescribedPredicate<JavaClass> IN_THE_SERVER_MODULE =
      DescribedPredicate.describe(
          "are in remote-cache-mock (the server)", readFrom(moduleOf(InProcessEngines.class)));

  @ArchTest
  static final ArchRule theApiModuleNeverNamesTheServer =
      noClasses()
          .that(IN_THE_API_MODULE)
          .should()
          .dependOnClassesThat(IN_THE_SERVER_MODULE)
          .because("a Java 17 JVM loads the API module and must never load a Java 21 class");

  @ArchTest
  static final ArchRule noPackageIsSplitBetweenTheModules =
      classes()
          .that(IN_THE_SERVER_MODULE)
          .should(
              new ArchCondition<JavaClass>("reside in a package of the server module only") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                  boolean shared =
                      type.getPackage().getClasses().stream().anyMatch(IN_THE_API_MODULE);
                  if (shared) {
                    events.add(
                        SimpleConditionEvent.violated(
                            type,
                            type.getName()
                                + " shares its package with remote-cache-mock-api: move it"));
                  }
                }
              })
          .because("a package names one module, so a reader knows which Java a class needs");

  @ArchTest
  static final ArchRule anInternalPackageNeverTakesAPublicPackagesName =
      classes()
          .that()
          .resideInAPackage("dev.remotecache.mock.internal..")
          .should(
              new ArchCondition<JavaClass>("reside in a package named unlike every public one") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                  String concept =
                      type.getPackageName()
                          .substring("dev.remotecache.mock.internal.".length())
                          .split("\\.")[0];
                  JavaPackage root = type.getPackage();
                  while (!root.getName().equals("dev.remotecache.mock")) {
                    root = root.getParent().orElseThrow();
                  }
                  boolean taken =
                      root.getSubpackages().stream()
                          .anyMatch(
                              pkg ->
                                  pkg.getName().equals("dev.remotecache.mock." + concept)
                                      && !pkg.getClasses().isEmpty());
                  if (taken) {
                    events.add(
                        SimpleConditionEvent.violated(
                            type,
                            type.getName()
                                + ": internal."
                                + concept
                                + " has the name of the public package "
                                + concept
                                + "; name what the internal one does"));
                  }
                }
              })
          .because("one public and one internal package per concept, told apart by their names");

  /** The jar or classes folder {@code member} was loaded from. */
  private static Path moduleOf(Class<?> member) {
    try {
      return Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether a class file was read from {@code module}. */
  private static java.util.function.Predicate<JavaClass> readFrom(Path module) {
    return type ->
        type.getSource()
            .map(source -> locationOf(source.getUri()).startsWith(module))
            .orElse(false);
  }

  private static Path locationOf(URI classFile) {
    String uri = classFile.toString();
    return uri.startsWith("jar:")
        ? Path.of(URI.create(uri.substring("jar:".length(), uri.indexOf("!/"))))
        : Path.of(classFile);
  }
}
