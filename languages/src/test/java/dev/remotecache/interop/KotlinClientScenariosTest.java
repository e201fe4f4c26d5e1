package dev.remotecache.interop;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Kotlin client (kotlin generator, jvm-okhttp4 + Jackson, compiled by kotlin-maven-plugin in
 * this build) runs each scenario in this JVM through {@link KotlinScenarioDriver}.
 */
class KotlinClientScenariosTest extends ClientScenarioContract {

  @Override
  String language() {
    return "kotlin";
  }

  @Override
  ClientOutcome run(Scenario scenario, String baseUrl) {
    return KotlinScenarioDriver.run(scenario, baseUrl);
  }

  @Test
  void artifactRoundTrip() throws Exception {
    ArtifactRoundTrip trip = new ArtifactRoundTrip(Path.of("target/kotlin-artifacts"));
    trip.verify(mock, KotlinScenarioDriver.roundTrip(trip.artifact(), mock.baseUrl()));
  }
}
