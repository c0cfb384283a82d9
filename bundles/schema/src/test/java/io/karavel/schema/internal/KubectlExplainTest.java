package io.karavel.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serves the generated documents to the real kubectl on loopback (plain HTTP, legacy discovery) and
 * checks that {@code kubectl explain} reads them. Skipped where kubectl is not installed.
 */
@EnabledIf("kubectlInstalled")
class KubectlExplainTest {

  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
  private static final String POD =
      "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"default\","
          + "\"uid\":\"u1\",\"resourceVersion\":\"5\",\"creationTimestamp\":\"2025-01-01T00:00:00Z\"},"
          + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}";
  private static final List<String> patches = new java.util.concurrent.CopyOnWriteArrayList<>();
  private static HttpServer server;
  @TempDir static Path temp;

  static boolean kubectlInstalled() {
    return Files.isExecutable(KUBECTL);
  }

  @BeforeAll
  static void serve() throws IOException {
    JacksonSchemaService service = new JacksonSchemaService();
    ObjectNode core =
        service.groupVersionDocument(
            "", "v1", List.of(OpenApiWriterTest.pods(), OpenApiWriterTest.nodes()));
    ObjectNode apps =
        service.groupVersionDocument("apps", "v1", List.of(OpenApiWriterTest.deployments()));
    String root =
        service
            .rootDocument(Map.of("api/v1", service.hash(core), "apis/apps/v1", service.hash(apps)))
            .toString();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String body =
              switch (path) {
                case "/version" ->
                    "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0\","
                        + "\"platform\":\"linux/amd64\"}";
                case "/api" -> "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}";
                case "/apis" ->
                    "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[{\"name\":\"apps\","
                        + "\"versions\":[{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}],"
                        + "\"preferredVersion\":{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}}]}";
                case "/api/v1" ->
                    resourceList(
                        "v1",
                        "{\"name\":\"pods\",\"singularName\":\"pod\",\"namespaced\":true,\"kind\":\"Pod\","
                            + "\"verbs\":[\"get\",\"list\",\"patch\"],\"shortNames\":[\"po\"]},"
                            + "{\"name\":\"nodes\",\"singularName\":\"node\",\"namespaced\":false,"
                            + "\"kind\":\"Node\",\"verbs\":[\"get\",\"list\",\"patch\"]}");
                case "/apis/apps/v1" ->
                    resourceList(
                        "apps/v1",
                        "{\"name\":\"deployments\",\"singularName\":\"deployment\",\"namespaced\":true,"
                            + "\"kind\":\"Deployment\",\"verbs\":[\"get\",\"list\",\"patch\"],"
                            + "\"shortNames\":[\"deploy\"]}");
                case "/api/v1/namespaces/default/pods/p" -> {
                  if (exchange.getRequestMethod().equals("PATCH")) {
                    patches.add(
                        exchange.getRequestURI().getQuery()
                            + " "
                            + exchange.getRequestHeaders().getFirst("Content-Type"));
                  }
                  yield POD;
                }
                case "/openapi/v3" -> root;
                case "/openapi/v3/api/v1" -> core.toString();
                case "/openapi/v3/apis/apps/v1" -> apps.toString();
                default -> null;
              };
          respond(exchange, body);
        });
    server.start();
  }

  private static String resourceList(String groupVersion, String resources) {
    return "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\""
        + groupVersion
        + "\",\"resources\":["
        + resources
        + "]}";
  }

  private static void respond(HttpExchange exchange, String body) throws IOException {
    byte[] bytes =
        (body == null ? "{\"kind\":\"Status\",\"code\":404}" : body)
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static String kubectl(String... args) throws Exception {
    Path kubeconfig = temp.resolve("kubeconfig");
    Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\n");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                KUBECTL.toString(),
                "--kubeconfig=" + kubeconfig,
                "--server=http://127.0.0.1:" + server.getAddress().getPort(),
                "--cache-dir=" + temp.resolve("cache")));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void explainsNestedFieldsOfCoreKinds() throws Exception {
    String out = kubectl("explain", "pods.spec.containers");
    assertThat(out)
        .contains("KIND:       Pod", "VERSION:    v1", "FIELD: containers <[]Container>");
    assertThat(out)
        .containsPattern("image\\s+<string>")
        .containsPattern("name\\s+<string> -required-");
    assertThat(out).containsPattern("ports\\s+<\\[\\]ContainerPort>");
  }

  @Test
  void applyFindsFieldValidationOnThePatchOperation() throws Exception {
    Path manifest = temp.resolve("pod.json");
    Files.writeString(
        manifest,
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"default\"},"
            + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox:2\"}]}}");
    kubectl("apply", "-f", manifest.toString());
    assertThat(patches).hasSize(1);
    assertThat(patches.get(0))
        .contains("fieldValidation=Strict", "fieldManager=kubectl-client-side-apply")
        .endsWith("application/strategic-merge-patch+json");
  }

  @Test
  void explainsGroupedKindsAndSpecialTypes() throws Exception {
    String out = kubectl("explain", "deployments.spec.template.spec.containers.resources");
    assertThat(out).contains("GROUP:      apps", "KIND:       Deployment");
    assertThat(out).containsPattern("limits\\s+<map\\[string\\]Quantity>");
    String probe = kubectl("explain", "pods.spec.containers.livenessProbe.httpGet");
    assertThat(probe).containsPattern("port\\s+<IntOrString>");
    String meta = kubectl("explain", "deploy.metadata");
    assertThat(meta).containsPattern("creationTimestamp\\s+<string>");
  }
}
