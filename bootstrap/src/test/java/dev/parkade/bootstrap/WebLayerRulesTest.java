package dev.parkade.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.security.RouteRole;
import java.util.Set;

/**
 * The web adapter's own shape: every route is added, with its role, in one place, so a route that
 * forgets who may call it cannot exist; and every problem response comes from one catalogue.
 */
@AnalyzeClasses(packages = "dev.parkade", importOptions = ProductionClassesOnly.class)
class WebLayerRulesTest {
  private static final String WEB = "dev.parkade.adapters.web";

  /**
   * Javalin's ways of adding an HTTP route; the role-taking addHttpHandler is the only one kept.
   */
  private static final Set<String> ADDING_A_ROUTE =
      Set.of(
          "get",
          "post",
          "put",
          "patch",
          "delete",
          "head",
          "query",
          "addEndpoint",
          "addHttpHandler");

  private static DescribedPredicate<JavaCall<?>> addsARoute(boolean withRole) {
    return DescribedPredicate.describe(
        withRole ? "add a route with its role" : "add a route without a role",
        call ->
            call.getTargetOwner().isAssignableTo(JavalinDefaultRoutingApi.class)
                && ADDING_A_ROUTE.contains(call.getName())
                && takesRoles(call) == withRole);
  }

  private static boolean takesRoles(JavaCall<?> call) {
    var parameters = call.getTarget().getRawParameterTypes();
    return !parameters.isEmpty()
        && parameters.get(parameters.size() - 1).isEquivalentTo(RouteRole[].class);
  }

  @ArchTest
  static final ArchRule everyRoute_declaresItsRole =
      noClasses().should().callCodeUnitWhere(addsARoute(false)).because("Access enforces roles");

  @ArchTest
  static final ArchRule routes_areAddedOnlyByParkadeApi =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName(WEB + ".ParkadeApi")
          .should()
          .callCodeUnitWhere(addsARoute(true));

  @ArchTest
  static final ArchRule problems_areMadeOnlyByTheCatalogue =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName(WEB + ".Problems")
          .should()
          .callConstructorWhere(
              DescribedPredicate.describe(
                  "make a Problem",
                  call -> call.getTargetOwner().getFullName().equals(WEB + ".Problem")));
}
