package io.karavel.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The real kubectl 1.32 against a running all-in-one distribution. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static KaravelCluster cluster;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Kubectl.available(), "kubectl is not installed");
    cluster = KaravelCluster.start();
    kubectl = new Kubectl(cluster.kubeconfig());
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Kubectl.Result ok(String... args) throws Exception {
    Kubectl.Result r = kubectl.run(args);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  private static Kubectl.Result okIn(String stdin, String... args) throws Exception {
    Kubectl.Result r = kubectl.runWithInput(stdin, args);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  private static Kubectl.Result fails(String... args) throws Exception {
    Kubectl.Result r = kubectl.run(args);
    assertThat(r.exitCode()).as(r.toString()).isNotZero();
    return r;
  }

  @Test
  @Order(1)
  void versionReportsTheServer() throws Exception {
    JsonNode v = JSON.readTree(ok("version", "-o", "json").stdout());
    assertThat(v.path("serverVersion").path("major").asText()).isEqualTo("1");
    assertThat(v.path("serverVersion").path("minor").asText()).isEqualTo("32");
  }

  @Test
  @Order(2)
  void apiResourcesListsTheServedGroups() throws Exception {
    String out = ok("api-resources").stdout();
    assertThat(out).contains("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND");
    assertThat(out).containsPattern("pods\\s+po\\s+v1\\s+true\\s+Pod");
    assertThat(out).containsPattern("deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment");
    assertThat(out).containsPattern("namespaces\\s+ns\\s+v1\\s+false\\s+Namespace");
    assertThat(out).contains("leases", "priorityclasses", "clusterroles", "cronjobs");
  }

  @Test
  @Order(3)
  void systemNamespacesExist() throws Exception {
    String out = ok("get", "ns").stdout();
    assertThat(out).containsPattern("NAME\\s+STATUS\\s+AGE");
    assertThat(out).containsPattern("default\\s+Active");
    assertThat(out).containsPattern("kube-system\\s+Active");
  }

  static final String CONFIGMAP =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
        namespace: default
        labels:
          app: demo
      data:
        color: blue
      """;

  @Test
  @Order(10)
  void applyCreatesThenIsUnchangedThenConfigures() throws Exception {
    assertThat(okIn(CONFIGMAP, "apply", "-f", "-").out()).isEqualTo("configmap/settings created");
    assertThat(okIn(CONFIGMAP, "apply", "-f", "-").out()).isEqualTo("configmap/settings unchanged");
    assertThat(okIn(CONFIGMAP.replace("blue", "green"), "apply", "-f", "-").out())
        .isEqualTo("configmap/settings configured");
    assertThat(ok("get", "cm", "settings", "-o", "jsonpath={.data.color}").out())
        .isEqualTo("green");
  }

  @Test
  @Order(11)
  void getInEveryOutputFormat() throws Exception {
    JsonNode cm = JSON.readTree(ok("get", "configmap", "settings", "-o", "json").stdout());
    assertThat(cm.path("metadata").path("uid").asText()).isNotEmpty();
    assertThat(cm.path("metadata").path("resourceVersion").asText()).matches("\\d+");
    assertThat(cm.path("metadata").path("creationTimestamp").asText()).endsWith("Z");
    assertThat(ok("get", "cm", "settings", "-o", "yaml").stdout())
        .contains("kind: ConfigMap", "color: green");
    assertThat(ok("get", "cm", "settings", "-o", "name").out()).isEqualTo("configmap/settings");
    assertThat(ok("get", "cm", "settings", "-o", "wide").stdout())
        .containsPattern("NAME\\s+DATA\\s+AGE")
        .containsPattern("settings\\s+1\\s+");
    assertThat(ok("get", "cm", "-A").stdout())
        .containsPattern("NAMESPACE\\s+NAME\\s+DATA\\s+AGE")
        .containsPattern("default\\s+settings\\s+1");
  }

  @Test
  @Order(12)
  void labelsAnnotationsAndSelectors() throws Exception {
    assertThat(ok("label", "cm", "settings", "tier=backend").out())
        .isEqualTo("configmap/settings labeled");
    assertThat(ok("annotate", "cm", "settings", "owner=team-a").out())
        .isEqualTo("configmap/settings annotated");
    assertThat(ok("get", "cm", "-l", "tier=backend", "-o", "name").out())
        .isEqualTo("configmap/settings");
    assertThat(ok("get", "cm", "-l", "tier=frontend", "-o", "name").out()).isEmpty();
    assertThat(ok("get", "cm", "-l", "app in (demo,other),tier!=x", "-o", "name").out())
        .isEqualTo("configmap/settings");
    assertThat(ok("get", "cm", "--field-selector", "metadata.name=settings", "-o", "name").out())
        .isEqualTo("configmap/settings");
    assertThat(ok("get", "cm", "settings", "--show-labels").stdout()).contains("tier=backend");
    assertThat(ok("label", "cm", "settings", "tier-").out())
        .isEqualTo("configmap/settings unlabeled");
  }

  @Test
  @Order(13)
  void patchOfEachType() throws Exception {
    ok("patch", "cm", "settings", "--type=merge", "-p", "{\"data\":{\"size\":\"L\"}}");
    ok(
        "patch",
        "cm",
        "settings",
        "--type=json",
        "-p",
        "[{\"op\":\"replace\",\"path\":\"/data/size\",\"value\":\"XL\"}]");
    ok("patch", "cm", "settings", "--type=strategic", "-p", "{\"data\":{\"shape\":\"round\"}}");
    JsonNode cm = JSON.readTree(ok("get", "cm", "settings", "-o", "json").stdout());
    assertThat(cm.path("data").path("size").asText()).isEqualTo("XL");
    assertThat(cm.path("data").path("shape").asText()).isEqualTo("round");
    Kubectl.Result bad =
        fails(
            "patch",
            "cm",
            "settings",
            "--type=json",
            "-p",
            "[{\"op\":\"test\",\"path\":\"/data/size\",\"value\":\"S\"}]");
    assertThat(bad.stderr()).contains("testing value /data/size failed");
  }

  @Test
  @Order(14)
  void errorsAreKubernetesStatuses() throws Exception {
    assertThat(fails("get", "cm", "nope").stderr())
        .contains("Error from server (NotFound): configmaps \"nope\" not found");
    assertThat(kubectl.runWithInput(CONFIGMAP, "create", "-f", "-").stderr())
        .contains("Error from server (AlreadyExists)", "configmaps \"settings\" already exists");
    Kubectl.Result invalid =
        kubectl.runWithInput(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n", "apply", "-f", "-");
    assertThat(invalid.exitCode()).isNotZero();
    assertThat(invalid.stderr()).contains("Invalid", "metadata.name");
    Kubectl.Result unknown =
        kubectl.runWithInput(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\nbogus: 1\n",
            "apply",
            "-f",
            "-");
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.stderr()).contains("unknown field \"bogus\"");
  }

  @Test
  @Order(15)
  void dryRunDoesNotPersist() throws Exception {
    assertThat(
            okIn(CONFIGMAP.replace("settings", "ghost"), "apply", "--dry-run=server", "-f", "-")
                .out())
        .isEqualTo("configmap/ghost created (server dry run)");
    fails("get", "cm", "ghost");
  }

  static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: web
              image: busybox
      """;

  @Test
  @Order(16)
  void deploymentsAreDefaultedAndPrinted() throws Exception {
    assertThat(okIn(DEPLOYMENT, "apply", "-f", "-").out()).isEqualTo("deployment.apps/web created");
    JsonNode d = JSON.readTree(ok("get", "deploy", "web", "-o", "json").stdout());
    assertThat(d.path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(d.path("spec").path("strategy").path("type").asText()).isEqualTo("RollingUpdate");
    assertThat(d.path("spec").path("template").path("spec").path("restartPolicy").asText())
        .isEqualTo("Always");
    assertThat(d.path("metadata").path("generation").asInt()).isEqualTo(1);
    assertThat(ok("get", "deploy").stdout())
        .containsPattern("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE")
        .containsPattern("web\\s+0/2");
  }

  /** kubectl's generators send protobuf bodies (k8s\0 + runtime.Unknown), with no JSON fallback. */
  @Test
  @Order(18)
  void generatorsSendProtobufBodies() throws Exception {
    assertThat(ok("create", "deployment", "pb-web", "--image=nginx:1.27", "--replicas=2").out())
        .isEqualTo("deployment.apps/pb-web created");
    JsonNode d = JSON.readTree(ok("get", "deploy", "pb-web", "-o", "json").stdout());
    assertThat(d.path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(d.path("spec").path("selector").path("matchLabels").path("app").asText())
        .isEqualTo("pb-web");
    JsonNode container = d.path("spec").path("template").path("spec").path("containers").get(0);
    assertThat(container.path("name").asText()).isEqualTo("nginx");
    assertThat(container.path("image").asText()).isEqualTo("nginx:1.27");
    assertThat(d.path("metadata").path("uid").asText()).isNotEmpty();

    assertThat(ok("create", "secret", "generic", "pb-secret", "--from-literal=token=s3cr3t").out())
        .isEqualTo("secret/pb-secret created");
    assertThat(ok("get", "secret", "pb-secret", "-o", "jsonpath={.data.token}").out())
        .isEqualTo(
            java.util.Base64.getEncoder()
                .encodeToString("s3cr3t".getBytes(StandardCharsets.UTF_8)));
    assertThat(ok("create", "configmap", "pb-cm", "--from-literal=k=v").out())
        .isEqualTo("configmap/pb-cm created");
    assertThat(ok("get", "cm", "pb-cm", "-o", "jsonpath={.data.k}").out()).isEqualTo("v");
    assertThat(ok("create", "job", "pb-job", "--image=busybox").out())
        .isEqualTo("job.batch/pb-job created");
    assertThat(ok("create", "role", "pb-role", "--verb=get", "--resource=pods").out())
        .isEqualTo("role.rbac.authorization.k8s.io/pb-role created");
    // A generated object that already exists is a protobuf create answered 409.
    assertThat(fails("create", "configmap", "pb-cm", "--from-literal=k=v").stderr())
        .contains("configmaps \"pb-cm\" already exists");
    ok("delete", "deploy", "pb-web");
  }

  /** A request still running at its deadline (?timeout=, capped by the server) gets 504. */
  @Test
  @Order(22)
  void requestsPastTheirDeadlineTimeOut() throws Exception {
    // A resourceVersion far in the future makes the server wait (3 s) for the store to reach it;
    // the 1 s deadline answers first, with the timeout filter's message.
    Kubectl.Result r =
        fails(
            "get",
            "--raw",
            "/api/v1/namespaces/default/configmaps/settings?resourceVersion=999999999&timeout=1s");
    assertThat(r.stderr())
        .contains("Error from server (Timeout)", "request did not complete within");
    assertThat(fails("get", "--raw", "/api/v1/configmaps?timeout=soon").stderr())
        .contains("Error from server (BadRequest)", "invalid timeout");
  }

  /** auth can-i posts a SelfSubjectAccessReview as protobuf; the authorizer answers it. */
  @Test
  @Order(21)
  void authCanIAsksTheAuthorizer() throws Exception {
    assertThat(ok("auth", "can-i", "create", "pods").out()).isEqualTo("yes");
    assertThat(ok("auth", "can-i", "delete", "nodes").out()).isEqualTo("yes");
  }

  @Test
  @Order(17)
  void scaleThroughTheScaleSubresource() throws Exception {
    assertThat(ok("scale", "deploy", "web", "--replicas=5").out())
        .isEqualTo("deployment.apps/web scaled");
    assertThat(ok("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").out()).isEqualTo("5");
    ok("scale", "deploy", "web", "--current-replicas=5", "--replicas=3");
    assertThat(ok("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").out()).isEqualTo("3");
  }

  @Test
  @Order(18)
  void strategicMergePatchMergesContainersByName() throws Exception {
    ok(
        "patch",
        "deploy",
        "web",
        "-p",
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"sidecar\","
            + "\"image\":\"busybox\"}]}}}}");
    assertThat(
            ok("get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[*].name}")
                .out()
                .split(" "))
        .containsExactlyInAnyOrder("sidecar", "web");
    ok("set", "image", "deploy/web", "sidecar=busybox:1.36");
    assertThat(
            ok(
                    "get",
                    "deploy",
                    "web",
                    "-o",
                    "jsonpath={range .spec.template.spec.containers[*]}{.name}={.image} {end}")
                .out()
                .split(" "))
        .containsExactlyInAnyOrder("sidecar=busybox:1.36", "web=busybox");
  }

  @Test
  @Order(20)
  void serverSideApplyAndConflicts() throws Exception {
    String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  k: one\n";
    assertThat(okIn(cm, "apply", "--server-side", "-f", "-").out())
        .isEqualTo("configmap/ssa serverside-applied");
    assertThat(okIn(cm.replace("one", "two"), "apply", "--server-side", "-f", "-").out())
        .isEqualTo("configmap/ssa serverside-applied");
    Kubectl.Result conflict =
        kubectl.runWithInput(
            cm.replace("one", "three"),
            "apply",
            "--server-side",
            "--field-manager=other",
            "-f",
            "-");
    assertThat(conflict.exitCode()).isNotZero();
    assertThat(conflict.stderr()).contains("conflict", ".data.k");
    okIn(
        cm.replace("one", "three"),
        "apply",
        "--server-side",
        "--field-manager=other",
        "--force-conflicts",
        "-f",
        "-");
    assertThat(ok("get", "cm", "ssa", "-o", "jsonpath={.data.k}").out()).isEqualTo("three");
    assertThat(ok("get", "cm", "ssa", "-o", "jsonpath={.metadata.managedFields[*].manager}").out())
        .contains("other");
  }

  @Test
  @Order(19)
  void explainUsesTheServersOpenApi() throws Exception {
    String out = ok("explain", "deployment.spec.replicas").stdout();
    assertThat(out).contains("KIND:", "Deployment", "replicas", "integer");
    assertThat(ok("explain", "pods.spec.containers").stdout()).contains("image");
  }

  @Test
  @Order(30)
  void watchSeesChanges() throws Exception {
    Process watch = kubectl.start("get", "cm", "-w", "--output-watch-events");
    List<String> lines = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (lines) {
                    lines.add(line);
                  }
                }
              } catch (Exception ignored) {
                // the process was destroyed
              }
            });
    reader.start();
    Thread.sleep(1500);
    okIn(CONFIGMAP.replace("settings", "watched"), "apply", "-f", "-");
    ok("patch", "cm", "watched", "--type=merge", "-p", "{\"data\":{\"a\":\"2\"}}");
    ok("delete", "cm", "watched");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      synchronized (lines) {
        if (lines.stream().anyMatch(l -> l.contains("DELETED") && l.contains("watched"))) {
          break;
        }
      }
      Thread.sleep(100);
    }
    watch.destroy();
    reader.join(5000);
    synchronized (lines) {
      assertThat(lines).anyMatch(l -> l.startsWith("ADDED") && l.contains("watched"));
      assertThat(lines).anyMatch(l -> l.startsWith("MODIFIED") && l.contains("watched"));
      assertThat(lines).anyMatch(l -> l.startsWith("DELETED") && l.contains("watched"));
    }
  }

  @Test
  @Order(31)
  void aWatchWhoseClientWentAwayIsUnregistered() throws Exception {
    long before = configMapWatchers();
    // One over HTTP/2 (kubectl), one over HTTP/1.1 on a raw TLS socket.
    Process watch = kubectl.start("get", "cm", "-w");
    Socket socket = cluster.adminTls().getSocketFactory().createSocket("127.0.0.1", cluster.port());
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET /api/v1/namespaces/default/configmaps?watch=1 HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    BufferedReader response =
        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    assertThat(response.readLine()).startsWith("HTTP/1.1 200");
    awaitConfigMapWatchers(before + 2);

    // Both clients vanish without a word: kubectl is killed, the socket closed.
    watch.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    socket.close();
    // Events for the departed watchers: an HTTP/1.1 server learns of a closed peer by writing.
    for (int i = 0; i < 3; i++) {
      okIn(CONFIGMAP.replace("settings", "left-behind-" + i), "apply", "-f", "-");
    }
    awaitConfigMapWatchers(before);
    for (int i = 0; i < 3; i++) {
      ok("delete", "cm", "left-behind-" + i);
    }
  }

  private static long configMapWatchers() throws Exception {
    String prefix = "apiserver_registered_watchers{group=\"\",resource=\"configmaps\"} ";
    return ok("get", "--raw", "/metrics")
        .stdout()
        .lines()
        .filter(l -> l.startsWith(prefix))
        .mapToLong(l -> Long.parseLong(l.substring(prefix.length()).trim()))
        .findFirst()
        .orElse(0);
  }

  private static void awaitConfigMapWatchers(long expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    long seen = configMapWatchers();
    while (seen != expected && System.nanoTime() < deadline) {
      Thread.sleep(200);
      seen = configMapWatchers();
    }
    assertThat(seen).as("registered configmap watchers").isEqualTo(expected);
  }

  @Test
  @Order(23)
  void servicesGetClusterIpsAndNodePorts() throws Exception {
    // The API server's own service takes the first address of the service range.
    assertThat(ok("get", "svc", "kubernetes", "-o", "jsonpath={.spec.clusterIP}").out())
        .isEqualTo("10.96.0.1");
    assertThat(
            ok("get", "endpoints", "kubernetes", "-o", "jsonpath={.subsets[0].ports[0].port}")
                .out())
        .isEqualTo(Integer.toString(cluster.port()));

    ok("create", "service", "clusterip", "alloc-a", "--tcp=80:8080");
    String ipA = ok("get", "svc", "alloc-a", "-o", "jsonpath={.spec.clusterIP}").out();
    assertThat(ipA).matches("10\\.(9[6-9]|10[0-9]|11[01])\\.\\d+\\.\\d+").isNotEqualTo("10.96.0.1");
    assertThat(ok("get", "svc", "alloc-a", "-o", "jsonpath={.spec.clusterIPs[0]}").out())
        .isEqualTo(ipA);
    assertThat(ok("get", "svc", "alloc-a").stdout())
        .containsPattern(
            "alloc-a\\s+ClusterIP\\s+" + ipA.replace(".", "\\.") + "\\s+<none>\\s+80/TCP");

    ok("create", "service", "nodeport", "alloc-np", "--tcp=80:8080");
    int nodePort =
        Integer.parseInt(
            ok("get", "svc", "alloc-np", "-o", "jsonpath={.spec.ports[0].nodePort}").out());
    assertThat(nodePort).isBetween(30000, 32767);
    assertThat(ok("get", "svc", "alloc-np").stdout()).contains("80:" + nodePort + "/TCP");

    // Addresses and ports in use, or outside the ranges, are refused as upstream refuses them.
    String taken = service("alloc-b", ipA, 0);
    assertThat(failsIn(taken, "apply", "-f", "-").stderr())
        .contains(
            "spec.clusterIPs",
            "failed to allocate IP " + ipA + ": provided IP is already allocated");
    String outside = service("alloc-b", "192.168.7.7", 0);
    assertThat(failsIn(outside, "apply", "-f", "-").stderr())
        .contains("is not in the valid range. The range of valid IPs is 10.96.0.0/12");
    String portTaken = service("alloc-b", "", nodePort);
    assertThat(failsIn(portTaken, "apply", "-f", "-").stderr())
        .contains("provided port is already allocated");
    fails("get", "svc", "alloc-b");

    // Deleting a service gives its address and port back at once.
    ok("delete", "svc", "alloc-a", "alloc-np");
    okIn(service("alloc-b", ipA, nodePort), "apply", "-f", "-");
    assertThat(
            ok(
                    "get",
                    "svc",
                    "alloc-b",
                    "-o",
                    "jsonpath={.spec.clusterIP} {.spec.ports[0].nodePort}")
                .out())
        .isEqualTo(ipA + " " + nodePort);
    ok("delete", "svc", "alloc-b");
  }

  /** A NodePort service asking for a cluster IP and node port ("" and 0: allocate). */
  private static String service(String name, String ip, int nodePort) {
    return "apiVersion: v1\nkind: Service\nmetadata:\n  name: "
        + name
        + "\nspec:\n  type: NodePort\n  clusterIP: \""
        + ip
        + "\"\n  ports:\n  - port: 80\n"
        + (nodePort == 0 ? "" : "    nodePort: " + nodePort + "\n");
  }

  private static Kubectl.Result failsIn(String stdin, String... args) throws Exception {
    Kubectl.Result r = kubectl.runWithInput(stdin, args);
    assertThat(r.exitCode()).as(r.toString()).isNotZero();
    return r;
  }

  @Test
  @Order(24)
  void aNodeKeepsTheStatusItWasCreatedWithWhileAPodDropsIts() throws Exception {
    // As a kubelet registers: capacity and a Ready condition in the create itself. Unschedulable,
    // so the scheduler of the all-in-one leaves it alone.
    String node =
        """
        apiVersion: v1
        kind: Node
        metadata: {name: registered}
        spec: {unschedulable: true}
        status:
          capacity: {cpu: "4", memory: 8Gi, pods: "110"}
          conditions:
          - {type: Ready, status: "True", reason: KubeletReady, message: kubelet is posting ready status}
        """;
    okIn(node, "create", "-f", "-");
    assertThat(ok("get", "node", "registered", "-o", "jsonpath={.status.capacity.cpu}").out())
        .isEqualTo("4");
    // allocatable defaults to capacity, as upstream.
    assertThat(ok("get", "node", "registered", "-o", "jsonpath={.status.allocatable.memory}").out())
        .isEqualTo("8Gi");
    assertThat(ok("get", "node", "registered").stdout()).containsPattern("registered\\s+Ready");
    ok("delete", "node", "registered");

    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: status-dropped, namespace: default}
        spec:
          schedulerName: nobody
          containers: [{name: c, image: busybox}]
        status: {phase: Running, podIP: 10.0.0.9}
        """;
    okIn(pod, "create", "-f", "-");
    assertThat(ok("get", "pod", "status-dropped", "-o", "jsonpath={.status.phase}").out())
        .isEqualTo("Pending");
    assertThat(ok("get", "pod", "status-dropped", "-o", "jsonpath={.status.podIP}").out())
        .isEmpty();
    ok("delete", "pod", "status-dropped", "--grace-period=0", "--force");
  }

  @Test
  @Order(25)
  void aBindingMustNameThePodItBinds() throws Exception {
    // No scheduler serves this name, so only the bindings below assign the pod.
    okIn(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: bound-by-hand}
        spec:
          schedulerName: nobody
          containers: [{name: c, image: busybox}]
        """,
        "apply",
        "-f",
        "-");
    String binding =
        """
        {"apiVersion":"v1","kind":"Binding","metadata":{"name":"%s"},"target":{"name":"node-a"}}
        """;
    String raw = "/api/v1/namespaces/default/pods/bound-by-hand/binding";
    assertThat(
            failsIn(binding.formatted("another-pod"), "create", "--raw", raw, "-f", "-").stderr())
        .contains("BadRequest")
        .contains("name in URL does not match name in Binding object");
    assertThat(ok("get", "pod", "bound-by-hand", "-o", "jsonpath={.spec.nodeName}").out())
        .isEmpty();
    okIn(binding.formatted("bound-by-hand"), "create", "--raw", raw, "-f", "-");
    assertThat(ok("get", "pod", "bound-by-hand", "-o", "jsonpath={.spec.nodeName}").out())
        .isEqualTo("node-a");
    ok("delete", "pod", "bound-by-hand", "--grace-period=0", "--force");
  }

  @Test
  @Order(40)
  void deleteWaitsUntilGone() throws Exception {
    assertThat(ok("delete", "deploy", "web", "--wait=true").out())
        .isEqualTo("deployment.apps \"web\" deleted");
    fails("get", "deploy", "web");
  }

  @Test
  @Order(41)
  void namespaceDeletionRefusesNewObjects() throws Exception {
    okIn("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: doomed\n", "apply", "-f", "-");
    okIn(CONFIGMAP.replace("namespace: default", "namespace: doomed"), "apply", "-f", "-");
    ok("delete", "namespace", "doomed", "--wait=true", "--timeout=60s");
    fails("get", "ns", "doomed");
  }
}
