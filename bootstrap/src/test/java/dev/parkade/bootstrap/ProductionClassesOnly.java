package dev.parkade.bootstrap;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * Keeps test code out of the architecture rules: test classes of this module and the test-jars of
 * the others (whose tests may use another adapter as a fake).
 */
final class ProductionClassesOnly implements ImportOption {
  private static final ImportOption TEST_CLASSES = new DoNotIncludeTests();

  @Override
  public boolean includes(Location location) {
    return TEST_CLASSES.includes(location) && !location.contains("-tests.jar");
  }
}
