package io.karavel.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.karavel.client.KubeClientProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kube: commands against a running Karavel API server named by {@code KARAVEL_KUBECONFIG}
 * (system property or environment variable); skipped without one.
 */
@Timeout(120)
class ShellLiveTest {
  private static final String NAMESPACE = "karavel-shell-test";
  private static KubernetesClient client;

  @TempDir Path dir;

  /** What a command printed, and how it failed if it did. */
  record Result(String out, String err, CommandException failure) {}

  @BeforeAll
  static void connect() {
    String kubeconfig =
        System.getProperty("KARAVEL_KUBECONFIG", System.getenv("KARAVEL_KUBECONFIG"));
    assumeTrue(
        kubeconfig != null && Files.isRegularFile(Path.of(kubeconfig)),
        "set KARAVEL_KUBECONFIG to the kubeconfig of a running Karavel API server");
    client = KubeClientProvider.fromKubeconfig(Path.of(kubeconfig));
    if (client.namespaces().withName(NAMESPACE).get() == null) {
      try {
        client
            .namespaces()
            .resource(
                new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
            .create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
    }
  }

  @AfterAll
  static void close() {
    if (client != null) {
      client.close();
    }
  }

  private static final class FixedProvider implements KubeClientProvider {
    @Override
    public KubernetesClient client() {
      return client;
    }

    @Override
    public KubernetesClient awaitClient(Duration timeout) throws TimeoutException {
      return client;
    }

    @Override
    public Path kubeconfig() {
      return Path.of(System.getProperty("KARAVEL_KUBECONFIG", System.getenv("KARAVEL_KUBECONFIG")));
    }
  }

  private static <C extends KubeCommandSupport> Result run(C command) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    command.clientProvider = new FixedProvider();
    command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    if (command.namespace == null) {
      command.namespace = NAMESPACE;
    }
    CommandException failure = null;
    try {
      command.execute();
    } catch (CommandException e) {
      failure = e;
    }
    return new Result(
        out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), failure);
  }

  private static String unique(String prefix) {
    return prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
  }

  private Path manifest(String name, String yaml) throws Exception {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static GetCommand get(String type, String... names) {
    GetCommand get = new GetCommand();
    get.type = type;
    get.names = new ArrayList<>(List.of(names));
    return get;
  }

  @Test
  void applyGetLabelAnnotateDescribeDelete() throws Exception {
    String name = unique("cm");
    String yaml =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  k: v\n";
    ApplyCommand apply = new ApplyCommand();
    apply.files = List.of(manifest(name, yaml).toString());
    assertThat(run(apply).out()).isEqualTo("configmap/" + name + " created\n");

    apply = new ApplyCommand();
    apply.files = List.of(manifest(name, yaml).toString());
    assertThat(run(apply).out()).isEqualTo("configmap/" + name + " unchanged\n");

    apply = new ApplyCommand();
    apply.files = List.of(manifest(name, yaml.replace("k: v", "k: w")).toString());
    assertThat(run(apply).out()).isEqualTo("configmap/" + name + " configured\n");
    ConfigMap applied = client.configMaps().inNamespace(NAMESPACE).withName(name).get();
    assertThat(applied.getData()).containsEntry("k", "w");
    assertThat(applied.getMetadata().getManagedFields())
        .extracting(f -> f.getManager())
        .contains("karavel-shell");

    Result table = run(get("configmaps", name));
    assertThat(table.failure()).isNull();
    String[] lines = table.out().split("\n");
    assertThat(lines[0]).matches("NAME\\s+DATA\\s+AGE");
    assertThat(lines[1]).matches(java.util.regex.Pattern.quote(name) + "\\s+1\\s+\\S+");

    GetCommand byName = get("cm/" + name);
    byName.output = "name";
    assertThat(run(byName).out()).isEqualTo("configmap/" + name + "\n");

    GetCommand yamlOut = get("cm", name);
    yamlOut.output = "yaml";
    String printed = run(yamlOut).out();
    assertThat(printed).startsWith("apiVersion: v1\ndata:\n  k: w\nkind: ConfigMap\nmetadata:\n");
    assertThat(printed).contains("  name: " + name + "\n");

    LabelCommand label = new LabelCommand();
    label.args = new ArrayList<>(List.of("cm", name, "tier=front"));
    assertThat(run(label).out()).isEqualTo("configmap/" + name + " labeled\n");
    label = new LabelCommand();
    label.args = new ArrayList<>(List.of("cm", name, "tier=back"));
    assertThat(run(label).failure())
        .hasMessage("error: 'tier' already has a value (front), and --overwrite is false");
    label = new LabelCommand();
    label.args = new ArrayList<>(List.of("cm/" + name, "tier-"));
    assertThat(run(label).out()).isEqualTo("configmap/" + name + " unlabeled\n");
    assertThat(
            client
                .configMaps()
                .inNamespace(NAMESPACE)
                .withName(name)
                .get()
                .getMetadata()
                .getLabels())
        .doesNotContainKey("tier");

    AnnotateCommand annotate = new AnnotateCommand();
    annotate.args = new ArrayList<>(List.of("cm", name, "owner=team-a"));
    assertThat(run(annotate).out()).isEqualTo("configmap/" + name + " annotated\n");

    DescribeCommand describe = new DescribeCommand();
    describe.type = "configmap";
    describe.names = new ArrayList<>(List.of(name));
    String description = run(describe).out();
    assertThat(description)
        .startsWith("Name:         " + name + "\nNamespace:    " + NAMESPACE + "\n")
        .contains("Annotations:  owner: team-a\n")
        .contains("Data:\n  K:  w\n")
        .contains("Events:");

    DeleteCommand delete = new DeleteCommand();
    delete.type = "cm";
    delete.names = new ArrayList<>(List.of(name));
    assertThat(run(delete).out()).isEqualTo("configmap \"" + name + "\" deleted\n");
    assertThat(run(get("cm", name)).failure())
        .hasMessage("Error from server (NotFound): configmaps \"" + name + "\" not found");
  }

  @Test
  void scaleADeployment() throws Exception {
    String name = unique("web");
    String yaml =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: NAME
        spec:
          replicas: 1
          selector:
            matchLabels: {app: NAME}
          template:
            metadata:
              labels: {app: NAME}
            spec:
              containers:
              - name: main
                image: busybox
        """
            .replace("NAME", name);
    CreateCommand create = new CreateCommand();
    create.files = List.of(manifest(name, yaml).toString());
    assertThat(run(create).out()).isEqualTo("deployment.apps/" + name + " created\n");

    ScaleCommand scale = new ScaleCommand();
    scale.args = new ArrayList<>(List.of("deploy/" + name, "--replicas=3"));
    assertThat(run(scale).out()).isEqualTo("deployment.apps/" + name + " scaled\n");
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(NAMESPACE)
                .withName(name)
                .get()
                .getSpec()
                .getReplicas())
        .isEqualTo(3);

    DeleteCommand delete = new DeleteCommand();
    delete.files = List.of(manifest(name, yaml).toString());
    assertThat(run(delete).out()).isEqualTo("deployment.apps \"" + name + "\" deleted\n");
  }

  @Test
  void watchPrintsNewRowsUntilInterrupted() throws Exception {
    String run = unique("w");
    GetCommand watch = get("configmaps");
    watch.selector = "karavel-test=" + run;
    watch.watch = true;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    watch.clientProvider = new FixedProvider();
    watch.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    watch.err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    watch.namespace = NAMESPACE;
    Thread shell =
        new Thread(
            () -> {
              try {
                watch.execute();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    shell.start();
    Thread.sleep(2000);
    for (String suffix : new String[] {"-a", "-b"}) {
      client
          .configMaps()
          .inNamespace(NAMESPACE)
          .resource(
              new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                  .withNewMetadata()
                  .withName(run + suffix)
                  .addToLabels("karavel-test", run)
                  .endMetadata()
                  .build())
          .create();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!out.toString(StandardCharsets.UTF_8).contains(run + "-b")
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    shell.interrupt();
    shell.join(5000);
    assertThat(shell.isAlive()).as("Ctrl-C ends the watch").isFalse();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).startsWith("NAME").contains(run + "-a").contains(run + "-b");
    client.configMaps().inNamespace(NAMESPACE).withLabel("karavel-test", run).delete();
  }

  @Test
  void apiResourcesAndVersion() throws Exception {
    String resources = run(new ApiResourcesCommand()).out();
    assertThat(resources.split("\n")[0])
        .matches("NAME\\s+SHORTNAMES\\s+APIVERSION\\s+NAMESPACED\\s+KIND");
    assertThat(resources).containsPattern("(?m)^configmaps\\s+cm\\s+v1\\s+true\\s+ConfigMap$");
    assertThat(resources)
        .containsPattern("(?m)^deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment$");

    Result version = run(new VersionCommand());
    assertThat(version.out())
        .startsWith("Client Version: karavel-shell v")
        .contains("\nServer Version: v1.");
  }
}
