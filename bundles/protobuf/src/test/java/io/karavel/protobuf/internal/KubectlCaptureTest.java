package io.karavel.protobuf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the real kubectl against a loopback server and checks that each protobuf body it sends
 * decodes to exactly the JSON kubectl prints for the same command with {@code --dry-run=client -o
 * json}, and encodes back to the very bytes kubectl sent. Skipped without kubectl.
 */
@EnabledIf("kubectlInstalled")
class KubectlCaptureTest {

  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
  private static final KubeProtobufCodec CODEC = new KubeProtobufCodec();

  /** Group version → (resource, kind, namespaced) served in discovery. */
  private static final Map<String, List<Res>> RESOURCES = new LinkedHashMap<>();

  /** One resource in discovery. */
  record Res(String name, String kind, boolean namespaced) {}

  static {
    RESOURCES.put(
        "v1",
        List.of(
            r("pods", "Pod", true),
            r("nodes", "Node", false),
            r("configmaps", "ConfigMap", true),
            r("secrets", "Secret", true),
            r("services", "Service", true),
            r("namespaces", "Namespace", false),
            r("serviceaccounts", "ServiceAccount", true),
            r("resourcequotas", "ResourceQuota", true)));
    RESOURCES.put(
        "apps/v1",
        List.of(r("deployments", "Deployment", true), r("deployments/scale", "Scale", true)));
    RESOURCES.put("batch/v1", List.of(r("jobs", "Job", true), r("cronjobs", "CronJob", true)));
    RESOURCES.put(
        "autoscaling/v1", List.of(r("horizontalpodautoscalers", "HorizontalPodAutoscaler", true)));
    RESOURCES.put(
        "rbac.authorization.k8s.io/v1",
        List.of(
            r("roles", "Role", true),
            r("rolebindings", "RoleBinding", true),
            r("clusterroles", "ClusterRole", false),
            r("clusterrolebindings", "ClusterRoleBinding", false)));
    RESOURCES.put("scheduling.k8s.io/v1", List.of(r("priorityclasses", "PriorityClass", false)));
    RESOURCES.put("policy/v1", List.of(r("poddisruptionbudgets", "PodDisruptionBudget", true)));
    RESOURCES.put("networking.k8s.io/v1", List.of(r("ingresses", "Ingress", true)));
    RESOURCES.put(
        "authorization.k8s.io/v1",
        List.of(r("selfsubjectaccessreviews", "SelfSubjectAccessReview", false)));
  }

  private static final String WEB =
      "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\","
          + "\"namespace\":\"default\",\"uid\":\"u1\",\"resourceVersion\":\"1\"},\"spec\":{\"replicas\":1,"
          + "\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":"
          + "{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx\"}]}}}}";

  /** One request kubectl sent with a body. */
  record Captured(String method, String path, String contentType, byte[] body) {}

  private static final List<Captured> captured = new CopyOnWriteArrayList<>();
  private static HttpServer server;
  @TempDir static Path home;

  static boolean kubectlInstalled() {
    return Files.isExecutable(KUBECTL);
  }

  private static Res r(String resource, String kind, boolean namespaced) {
    return new Res(resource, kind, namespaced);
  }

  @BeforeAll
  static void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", KubectlCaptureTest::handle);
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    byte[] body = ex.getRequestBody().readAllBytes();
    if (!ex.getRequestMethod().equals("GET")) {
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      captured.add(new Captured(ex.getRequestMethod(), path, type, body));
      // Echo the object back, as a create would return it.
      respond(ex, 201, type, body);
      return;
    }
    String json =
        switch (path) {
          case "/version" -> "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0\"}";
          case "/api" -> "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}";
          case "/apis" -> groups();
          case "/apis/apps/v1/namespaces/default/deployments/web" -> WEB;
          default -> resourceList(path);
        };
    if (json == null) {
      respond(
          ex,
          404,
          "application/json",
          "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}"
              .getBytes(StandardCharsets.UTF_8));
    } else {
      respond(ex, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String groups() {
    ArrayNode groups = GoStyle.JSON.createArrayNode();
    RESOURCES.keySet().stream()
        .filter(gv -> gv.contains("/"))
        .forEach(
            gv -> {
              ObjectNode version =
                  GoStyle.JSON
                      .createObjectNode()
                      .put("groupVersion", gv)
                      .put("version", gv.substring(gv.indexOf('/') + 1));
              ObjectNode g = groups.addObject().put("name", gv.substring(0, gv.indexOf('/')));
              g.putArray("versions").add(version);
              g.set("preferredVersion", version);
            });
    ObjectNode list = GoStyle.JSON.createObjectNode().put("kind", "APIGroupList");
    list.set("groups", groups);
    return list.toString();
  }

  private static String resourceList(String path) {
    String gv =
        path.equals("/api/v1") ? "v1" : path.startsWith("/apis/") ? path.substring(6) : null;
    List<Res> resources = gv == null ? null : RESOURCES.get(gv);
    if (resources == null) {
      return null;
    }
    ObjectNode list =
        GoStyle.JSON.createObjectNode().put("kind", "APIResourceList").put("groupVersion", gv);
    ArrayNode items = list.putArray("resources");
    for (Res res : resources) {
      ObjectNode item =
          items
              .addObject()
              .put("name", res.name())
              .put("singularName", res.kind().toLowerCase(Locale.ROOT))
              .put("namespaced", res.namespaced())
              .put("kind", res.kind());
      if (res.kind().equals("Scale")) {
        item.put("group", "autoscaling").put("version", "v1");
      }
      item.putArray("verbs").add("create").add("get").add("list");
    }
    return list.toString();
  }

  private static void respond(HttpExchange ex, int code, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(code, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  private static String kubectl(List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(KUBECTL.toString());
    command.add("--server=http://127.0.0.1:" + server.getAddress().getPort());
    command.add("--cache-dir=" + home.resolve("cache"));
    command.add("--namespace=default");
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
    pb.environment().put("HOME", home.toString());
    pb.environment().put("KUBECONFIG", home.resolve("none").toString());
    pb.redirectError(home.resolve("stderr.txt").toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  private static Captured send(List<String> args) throws Exception {
    captured.clear();
    kubectl(args);
    assertThat(captured)
        .as(
            "kubectl %s sent one body; stderr: %s",
            args, Files.readString(home.resolve("stderr.txt")))
        .hasSize(1);
    Captured c = captured.get(0);
    assertThat(CODEC.isProtobuf(c.contentType())).as(c.contentType()).isTrue();
    return c;
  }

  static Stream<String> commands() {
    return Stream.of(
        "create deployment web --image=nginx --replicas=2",
        "create deployment multi --image=nginx --image=redis --port=80",
        "create configmap x --from-literal=a=b --from-literal=empty=",
        "create secret generic s --from-literal=password=s3cr3t",
        "create secret docker-registry reg --docker-server=r.io --docker-username=u --docker-password=p",
        "create service clusterip svc --tcp=80:8080",
        "create service nodeport np --tcp=80:8080 --node-port=30080",
        "create job j --image=busybox -- echo hi",
        "create cronjob cj --image=busybox --schedule=*/5_*_*_*_* -- date",
        "create namespace ns1",
        "create serviceaccount sa1",
        "create role r1 --verb=get,list --resource=pods",
        "create rolebinding rb1 --role=r1 --user=alice --serviceaccount=default:sa1",
        "create clusterrole cr1 --verb=get --resource=nodes",
        "create clusterrolebinding crb1 --clusterrole=cr1 --group=devs",
        "create quota q1 --hard=cpu=1,memory=1G,pods=2",
        "create priorityclass pc1 --value=1000 --description=high",
        "create poddisruptionbudget pdb1 --selector=app=web --min-available=1",
        "create ingress ing1 --class=nginx --rule=foo.com/bar=svc1:8080,tls=sec --default-backend=def:80",
        "autoscale deployment web --min=1 --max=3 --cpu-percent=50");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void bodyDecodesToTheJsonKubectlPrints(String command) throws Exception {
    // Spaces inside one argument are written as '_' above.
    List<String> args = Stream.of(command.split(" ")).map(a -> a.replace('_', ' ')).toList();
    List<String> dryRun = new ArrayList<>(args);
    int dashes = dryRun.indexOf("--");
    dryRun.addAll(dashes < 0 ? dryRun.size() : dashes, List.of("--dry-run=client", "-o", "json"));
    JsonNode printed = GoStyle.JSON.readTree(kubectl(dryRun));
    Captured sent = send(args);

    ObjectNode decoded = CODEC.decode(sent.body());
    assertThat(decoded.toString()).isEqualTo(printed.toString());
    assertThat(CODEC.encode(decoded)).isEqualTo(sent.body());
  }

  @Test
  void authCanISendsASelfSubjectAccessReview() throws Exception {
    Captured sent =
        send(List.of("auth", "can-i", "delete", "deployments.apps", "--subresource=scale"));
    assertThat(sent.path()).isEqualTo("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews");
    ObjectNode decoded = CODEC.decode(sent.body());
    assertThat(decoded)
        .isEqualTo(
            GoStyle.json(
                """
                {"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1",
                 "metadata":{"creationTimestamp":null},
                 "spec":{"resourceAttributes":{"namespace":"default","verb":"delete","group":"apps",
                  "resource":"deployments","subresource":"scale"}},
                 "status":{"allowed":false}}
                """));
    assertThat(CODEC.encode(decoded)).isEqualTo(sent.body());
  }
}
