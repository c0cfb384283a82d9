package io.karavel.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the client library's live tests (the {@code io.karavel.client.live} package of the client
 * bundle's test-jar: CRUD, informers with relist after a cut connection, the work-queue controller,
 * Lease leader election) against a booted all-in-one. In the client module's own build they skip,
 * for want of a server; here none may skip.
 */
class ClientLibraryIT {

  private static final String LIVE_PACKAGE = "io.karavel.client.live";
  private static final String KUBECONFIG_PROPERTY = "KARAVEL_KUBECONFIG";

  private static KaravelCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = KaravelCluster.start();
    System.setProperty(KUBECONFIG_PROPERTY, cluster.kubeconfig().toString());
  }

  @AfterAll
  static void stop() throws Exception {
    System.clearProperty(KUBECONFIG_PROPERTY);
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void liveTestsOfTheClientLibraryPassAgainstTheServer() {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request().selectors(selectPackage(LIVE_PACKAGE)).build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    TestExecutionSummary summary = listener.getSummary();

    StringWriter report = new StringWriter();
    summary.printTo(new PrintWriter(report));
    summary.printFailuresTo(new PrintWriter(report), 40);
    System.out.println(report);

    // Five classes with at least one test each live in the package today.
    assertThat(summary.getTestsFoundCount()).as(report.toString()).isGreaterThanOrEqualTo(5);
    assertThat(summary.getTestsSkippedCount() + summary.getTestsAbortedCount())
        .as("skipped or aborted live tests%n%s", report)
        .isZero();
    assertThat(summary.getTotalFailureCount()).as(report.toString()).isZero();
    assertThat(summary.getTestsSucceededCount()).isEqualTo(summary.getTestsFoundCount());
  }
}
