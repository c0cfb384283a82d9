package io.karavel.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.karavel.client.KubeClientProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The in-process components of the real all-in-one reach the API server through its loopback
 * listener, not over TLS: every binding of pods created with the real kubectl is counted by the
 * server as a request of user {@code system:apiserver} on that listener (a binding sent over HTTPS
 * with the admin kubeconfig would not be), and the scheduler's informers watch there. Also after a
 * restart, when the admin kubeconfig already exists as the components start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoopbackTransportIT {
  private static final int PODS = 8;

  private static KaravelCluster cluster;
  private static Kubectl kubectl;
  private static KubernetesClient client;
  private static NodeSimulator nodes;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Kubectl.available(), "kubectl not installed");
    cluster = KaravelCluster.start();
    kubectl = new Kubectl(cluster.kubeconfig());
    client = KubeClientProvider.fromKubeconfig(cluster.kubeconfig());
    nodes = new NodeSimulator(client, 2);
    nodes.add("node-a", Map.of("cpu", "16", "memory", "32Gi"), Map.of(), List.of());
  }

  @AfterAll
  static void stop() throws Exception {
    if (nodes != null) {
      nodes.close();
    }
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void theSchedulerBindsAndWatchesThroughTheLoopbackListener() throws Exception {
    bindsThroughLoopback("first");
    String metrics = metrics();
    assertThat(loopbackCount(metrics, "watch", "pods"))
        .as("the scheduler's pod informer watches on the loopback listener\n%s", metrics)
        .isPositive();
    assertThat(loopbackCount(metrics, "watch", "nodes")).as("node informer").isPositive();
  }

  @Test
  @Order(2)
  void afterARestartTheComponentsStillUseIt() throws Exception {
    // The admin kubeconfig exists now: without waiting for the loopback listener, components
    // starting before the API server would build their clients from it and stay on TLS.
    cluster.stop();
    cluster.launch();
    bindsThroughLoopback("second");
  }

  @Test
  @Order(3)
  void withTheListenerTurnedOffTheComponentsUseTheKubeconfig() throws Exception {
    // The negative control: the same bindings, now over HTTPS, are not counted as loopback ones.
    cluster.stop();
    cluster.config("io.karavel.apiserver", Map.of("loopback", "false"));
    cluster.launch();
    createPodsAndAwaitBinding("third");
    String metrics = metrics();
    assertThat(metrics).doesNotContain("karavel_apiserver_loopback_requests_total{");
    assertThat(metrics)
        .contains("apiserver_request_total{verb=\"CREATE\",group=\"\",resource=\"pods\"");
  }

  private static void bindsThroughLoopback(String prefix) throws Exception {
    long before = loopbackCount(metrics(), "create", "pods/binding");
    createPodsAndAwaitBinding(prefix);
    String metrics = metrics();
    assertThat(loopbackCount(metrics, "create", "pods/binding") - before)
        .as("bindings by system:apiserver on the loopback listener\n%s", metrics)
        .isEqualTo(PODS);
  }

  private static void createPodsAndAwaitBinding(String prefix) throws Exception {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < PODS; i++) {
      yaml.append(
          """
          apiVersion: v1
          kind: Pod
          metadata:
            name: %s-%d
          spec:
            containers:
            - name: c
              image: busybox
              resources:
                requests:
                  cpu: 100m
          ---
          """
              .formatted(prefix, i));
    }
    Kubectl.Result r = kubectl.runWithInput(yaml.toString(), "apply", "-f", "-");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    for (int i = 0; i < PODS; i++) {
      String pod = prefix + "-" + i;
      Await.until(
          cluster,
          "pod " + pod + " bound",
          Duration.ofSeconds(60),
          () -> {
            Kubectl.Result g = kubectl.run("get", "pod", pod, "-o", "jsonpath={.spec.nodeName}");
            return g.exitCode() == 0 ? g.out() : "";
          },
          s -> s.equals("node-a"));
    }
  }

  private static String metrics() throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(cluster.adminTls()).build();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(cluster.url() + "/metrics"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private static long loopbackCount(String metrics, String verb, String resource) {
    Matcher m =
        Pattern.compile(
                "(?m)^karavel_apiserver_loopback_requests_total\\{verb=\""
                    + Pattern.quote(verb)
                    + "\",resource=\""
                    + Pattern.quote(resource)
                    + "\"} (\\d+)$")
            .matcher(metrics);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
