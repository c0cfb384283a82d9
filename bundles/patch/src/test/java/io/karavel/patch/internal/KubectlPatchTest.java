package io.karavel.patch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.patch.ApplyConflict;
import io.karavel.patch.ApplyResult;
import io.karavel.patch.PatchException;
import io.karavel.patch.PatchService;
import io.karavel.schema.KindSchema;
import io.karavel.schema.internal.JacksonSchemaService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real kubectl against a loopback server holding one Deployment, patched by this bundle,
 * so the patches under test are the ones kubectl really sends. Skipped without kubectl.
 */
@EnabledIf("kubectlInstalled")
class KubectlPatchTest {

  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
  private static final String ITEM = "/apis/apps/v1/namespaces/default/deployments/web";
  private static final JacksonSchemaService SCHEMAS = new JacksonSchemaService();
  private static final KindSchema SCHEMA = SCHEMAS.schemaOf(Deployment.class);
  private static final JacksonPatchService PATCHES = new JacksonPatchService();
  private static final AtomicReference<ObjectNode> stored = new AtomicReference<>();
  private static final List<String> requests = new CopyOnWriteArrayList<>();
  private static HttpServer server;
  @TempDir static Path temp;

  static boolean kubectlInstalled() {
    return Files.isExecutable(KUBECTL);
  }

  private static String manifest(String image, boolean withB, int replicas) {
    String env =
        withB
            ? "[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"2\"}]"
            : "[{\"name\":\"A\",\"value\":\"1\"}]";
    return "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\",\"namespace\":\"default\"},"
        + "\"spec\":{\"replicas\":"
        + replicas
        + ",\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
        + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":["
        + "{\"name\":\"web\",\"image\":\""
        + image
        + "\",\"env\":"
        + env
        + "},"
        + "{\"name\":\"sidecar\",\"image\":\"busybox\"}]}}}}";
  }

  @BeforeAll
  static void serve() throws IOException {
    ResourceDefinition deployments =
        ResourceDefinition.builder("apps", "v1", "Deployment", "deployments")
            .model(Deployment.class)
            .build();
    ObjectNode apps = SCHEMAS.groupVersionDocument("apps", "v1", List.of(deployments));
    ObjectNode core = SCHEMAS.groupVersionDocument("", "v1", List.of());
    String root =
        SCHEMAS
            .rootDocument(Map.of("apis/apps/v1", SCHEMAS.hash(apps), "api/v1", SCHEMAS.hash(core)))
            .toString();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          byte[] body = exchange.getRequestBody().readAllBytes();
          try {
            switch (path) {
              case "/version" ->
                  respond(
                      exchange,
                      200,
                      "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0\"}");
              case "/api" ->
                  respond(exchange, 200, "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}");
              case "/apis" ->
                  respond(
                      exchange,
                      200,
                      "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[{\"name\":\"apps\",\"versions\":"
                          + "[{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}],\"preferredVersion\":"
                          + "{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}}]}");
              case "/api/v1" ->
                  respond(
                      exchange,
                      200,
                      "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":[]}");
              case "/apis/apps/v1" ->
                  respond(
                      exchange,
                      200,
                      "{\"kind\":\"APIResourceList\",\"groupVersion\":\"apps/v1\",\"resources\":[{\"name\":\"deployments\","
                          + "\"singularName\":\"deployment\",\"namespaced\":true,\"kind\":\"Deployment\","
                          + "\"verbs\":[\"get\",\"list\",\"patch\",\"update\",\"create\"],\"shortNames\":[\"deploy\"]}]}");
              case "/openapi/v3" -> respond(exchange, 200, root);
              case "/openapi/v3/apis/apps/v1" -> respond(exchange, 200, apps.toString());
              case "/openapi/v3/api/v1" -> respond(exchange, 200, core.toString());
              case ITEM -> item(exchange, body);
              default -> respond(exchange, 404, status(404, "NotFound", "not found", List.of()));
            }
          } catch (RuntimeException e) {
            respond(exchange, 500, status(500, "InternalError", String.valueOf(e), List.of()));
          }
        });
    server.start();
  }

  private static void item(HttpExchange exchange, byte[] body) throws IOException {
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String method = exchange.getRequestMethod();
    if (method.equals("GET")) {
      respond(exchange, 200, stored.get().toString());
      return;
    }
    if (!method.equals("PATCH")) {
      respond(exchange, 405, status(405, "MethodNotAllowed", "no", List.of()));
      return;
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    String manager =
        PatchService.managerName(
            query.get("fieldManager"), exchange.getRequestHeaders().getFirst("User-Agent"));
    requests.add(type + " " + manager + " " + new String(body, StandardCharsets.UTF_8));
    ObjectNode live = stored.get();
    JsonNode patch = Json.parse(new String(body, StandardCharsets.UTF_8));
    try {
      ObjectNode result;
      if (type.startsWith("application/apply-patch")) {
        ApplyResult applied =
            PATCHES.apply(
                live,
                (ObjectNode) patch,
                manager,
                "true".equals(query.get("force")),
                SCHEMA,
                Instant.now());
        if (applied.hasConflicts()) {
          List<String> causes = new ArrayList<>();
          for (ApplyConflict c : applied.conflicts()) {
            causes.add(
                "{\"reason\":\""
                    + ApplyResult.CAUSE_REASON
                    + "\",\"message\":"
                    + Json.MAPPER.writeValueAsString(c.causeMessage())
                    + ",\"field\":\""
                    + c.field()
                    + "\"}");
          }
          respond(exchange, 409, status(409, "Conflict", applied.conflictMessage(), causes));
          return;
        }
        result = applied.object();
      } else {
        JsonNode patched =
            switch (type) {
              case "application/strategic-merge-patch+json" ->
                  PATCHES.strategicMergePatch(live, (ObjectNode) patch, SCHEMA);
              case "application/merge-patch+json" -> PATCHES.mergePatch(live, patch);
              default -> PATCHES.jsonPatch(live, patch);
            };
        result =
            PATCHES.recordUpdate(
                live,
                (ObjectNode) patched,
                manager,
                PatchService.UPDATE,
                "apps/v1",
                SCHEMA,
                Instant.now());
      }
      stored.set(result);
      respond(exchange, 200, result.toString());
    } catch (PatchException e) {
      respond(exchange, e.code(), status(e.code(), e.reason(), e.getMessage(), List.of()));
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        out.put(
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static String status(int code, String reason, String message, List<String> causes) {
    try {
      return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
          + Json.MAPPER.writeValueAsString(message)
          + ",\"reason\":\""
          + reason
          + "\",\"details\":{\"causes\":["
          + String.join(",", causes)
          + "]},\"code\":"
          + code
          + "}";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void respond(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @BeforeEach
  void reset() {
    // created by a client-side apply of the first manifest
    ObjectNode live = (ObjectNode) Json.parse(manifest("nginx:1.25", true, 2));
    ObjectNode metadata = (ObjectNode) live.get("metadata");
    metadata
        .put("uid", "u1")
        .put("resourceVersion", "1")
        .put("creationTimestamp", "2025-01-01T00:00:00Z");
    metadata
        .putObject("annotations")
        .put(
            "kubectl.kubernetes.io/last-applied-configuration",
            manifest("nginx:1.25", true, 2) + "\n");
    stored.set(
        PATCHES.recordUpdate(
            null, live, "kubectl-client-side-apply", "Update", "apps/v1", SCHEMA, Instant.now()));
    requests.clear();
  }

  private static String kubectl(int expectedExit, String... args) throws Exception {
    Path kubeconfig = temp.resolve("kubeconfig");
    Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\n");
    List<String> command =
        new ArrayList<>(
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
    assertThat(process.exitValue()).as(out).isEqualTo(expectedExit);
    return out;
  }

  private static Path file(String name, String content) throws IOException {
    Path path = temp.resolve(name);
    Files.writeString(path, content);
    return path;
  }

  @Test
  void clientSideApplyChangesTheImageAndDropsAnEnvVar() throws Exception {
    kubectl(0, "apply", "-f", file("v2.json", manifest("nginx:1.26", false, 2)).toString());
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0))
        .startsWith("application/strategic-merge-patch+json kubectl-client-side-apply ")
        .contains("$setElementOrder/containers", "\"$patch\":\"delete\"");
    ObjectNode result = stored.get();
    ArrayNode containers = (ArrayNode) result.at("/spec/template/spec/containers");
    assertThat(containers.get(0).path("image").asText()).isEqualTo("nginx:1.26");
    assertThat(containers.get(0).path("env").toString())
        .isEqualTo("[{\"name\":\"A\",\"value\":\"1\"}]");
    assertThat(containers.get(1).path("name").asText()).isEqualTo("sidecar");
    assertThat(result.toString()).doesNotContain("$setElementOrder", "$patch", "$retainKeys");
  }

  @Test
  void labelRolloutRestartAndScale() throws Exception {
    kubectl(0, "label", "deploy", "web", "tier=front");
    kubectl(0, "rollout", "restart", "deploy/web");
    assertThat(stored.get().at("/metadata/labels/tier").asText()).isEqualTo("front");
    assertThat(
            stored
                .get()
                .at("/spec/template/metadata/annotations")
                .has("kubectl.kubernetes.io/restartedAt"))
        .isTrue();
    assertThat(requests.get(1))
        .startsWith("application/strategic-merge-patch+json kubectl-rollout ");
    assertThat(stored.get().at("/metadata/managedFields").toString())
        .contains("kubectl-label", "kubectl-rollout");
  }

  @Test
  void serverSideApplyReportsTheConflictKubectlShows() throws Exception {
    String out =
        kubectl(
            1,
            "apply",
            "--server-side",
            "-f",
            file("v3.json", manifest("nginx:1.25", true, 5)).toString());
    assertThat(requests.get(0)).startsWith("application/apply-patch+yaml kubectl ");
    assertThat(out)
        .contains(
            "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas");
    kubectl(
        0,
        "apply",
        "--server-side",
        "--force-conflicts",
        "-f",
        file("v3.json", manifest("nginx:1.25", true, 5)).toString());
    assertThat(stored.get().at("/spec/replicas").asInt()).isEqualTo(5);
    // after a successful server-side apply kubectl moves client-side-apply ownership to itself
    assertThat(requests).anyMatch(r -> r.startsWith("application/json-patch+json"));
    JsonNode entries = stored.get().at("/metadata/managedFields");
    List<String> managers = new ArrayList<>();
    entries.forEach(
        e -> managers.add(e.path("manager").asText() + "/" + e.path("operation").asText()));
    assertThat(managers)
        .contains("kubectl/Apply")
        .doesNotContain("kubectl-client-side-apply/Update");
    for (JsonNode e : entries) {
      if (e.path("manager").asText().equals("kubectl")) {
        assertThat(e.at("/fieldsV1/f:spec").has("f:replicas")).isTrue();
      }
    }
    // now the applier owns replicas, so changing them again is no conflict
    kubectl(
        0,
        "apply",
        "--server-side",
        "-f",
        file("v4.json", manifest("nginx:1.25", true, 6)).toString());
    assertThat(stored.get().at("/spec/replicas").asInt()).isEqualTo(6);
  }
}
