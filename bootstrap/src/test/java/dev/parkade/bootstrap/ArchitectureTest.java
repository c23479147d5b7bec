package dev.parkade.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rule of the hexagon, checked on the production classes of every module: the domain
 * depends on nothing, the application on the domain, each adapter on the domain (the web adapter
 * also on the application) and never on another adapter, and only bootstrap sees them all.
 */
@AnalyzeClasses(packages = "dev.parkade", importOptions = ProductionClassesOnly.class)
class ArchitectureTest {
  private static final String DOMAIN = "dev.parkade.domain..";
  private static final String APPLICATION = "dev.parkade.application..";
  private static final String ADAPTERS = "dev.parkade.adapters..";
  private static final String IN_MEMORY = "dev.parkade.adapters.inmemory..";
  private static final String JDBC = "dev.parkade.adapters.jdbc..";
  private static final String BOOTSTRAP = "dev.parkade.bootstrap..";

  /** JSpecify's @Nullable: allowed outside the domain, which has no nulls to mark. */
  private static final String NULLNESS_ANNOTATIONS = "org.jspecify.annotations..";

  /** Frameworks that belong in adapters and bootstrap, never in the core. */
  private static final String[] FRAMEWORKS = {
    "io.javalin..",
    "org.jdbi..",
    "dagger..",
    "javax.inject..",
    "jakarta..",
    "com.zaxxer..",
    "org.flywaydb..",
    "com.fasterxml..",
    "com.nimbusds..",
    "io.micrometer..",
    "org.slf4j..",
    "picocli.."
  };

  @ArchTest
  static final ArchRule layers_dependInwardsOnly =
      layeredArchitecture()
          .consideringOnlyDependenciesInAnyPackage("dev.parkade..")
          .layer("Domain")
          .definedBy(DOMAIN)
          .layer("Application")
          .definedBy(APPLICATION)
          .layer("Adapters")
          .definedBy(ADAPTERS)
          .optionalLayer("Bootstrap")
          .definedBy(BOOTSTRAP)
          .whereLayer("Bootstrap")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("Adapters")
          .mayOnlyBeAccessedByLayers("Bootstrap")
          .whereLayer("Application")
          .mayOnlyBeAccessedByLayers("Adapters", "Bootstrap")
          .whereLayer("Domain")
          .mayOnlyBeAccessedByLayers("Application", "Adapters", "Bootstrap");

  @ArchTest
  static final ArchRule domain_importsOnlyTheJdk =
      classes()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", DOMAIN);

  @ArchTest
  static final ArchRule application_dependsOnlyOnTheDomain =
      classes()
          .that()
          .resideInAPackage(APPLICATION)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", DOMAIN, APPLICATION);

  @ArchTest
  static final ArchRule inMemoryAdapter_dependsOnlyOnTheDomain =
      classes()
          .that()
          .resideInAPackage(IN_MEMORY)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", NULLNESS_ANNOTATIONS, DOMAIN, IN_MEMORY);

  @ArchTest
  static final ArchRule jdbcAdapter_dependsOnlyOnTheDomainAndItsDatabaseLibraries =
      classes()
          .that()
          .resideInAPackage(JDBC)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "javax.sql..",
              NULLNESS_ANNOTATIONS,
              DOMAIN,
              JDBC,
              "org.jdbi..",
              "com.zaxxer.hikari..",
              "org.flywaydb..",
              // the driver's LISTEN/NOTIFY API, for the servers' change relay (ADR 0016)
              "org.postgresql..",
              "org.slf4j..");

  @ArchTest
  static final ArchRule core_usesNoFramework =
      noClasses()
          .that()
          .resideInAnyPackage(DOMAIN, APPLICATION)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FRAMEWORKS);

  @ArchTest
  static final ArchRule adapters_areIndependentOfEachOther =
      slices().matching("dev.parkade.adapters.(*)..").should().notDependOnEachOther();

  @ArchTest
  static final ArchRule packages_haveNoCycles =
      slices().matching("dev.parkade.(**)").should().beFreeOfCycles();
}
