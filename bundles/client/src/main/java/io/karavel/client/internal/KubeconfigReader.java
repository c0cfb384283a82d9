package io.karavel.client.internal;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Context;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads a kubeconfig into fabric8's {@link Config}. fabric8 maps the file onto its kubeconfig model
 * with Jackson, whose first use builds bean deserializers for the whole model by reflection: about
 * 0.3 s of CPU in the Karaf JVM's start, where the first client is built while the API server is
 * still starting. A kubeconfig made only of the common fields (server, certificate authority,
 * client certificate and key, token, basic auth, namespace: what Karavel's PKI writes, and what
 * kubeadm writes) is read here with the YAML parser into the same model, which fabric8's own merge
 * then turns into the client configuration, so the result is the one fabric8 would give. Any other
 * field (exec or auth-provider credentials, proxies, extensions, ...) leaves the file to fabric8.
 */
final class KubeconfigReader {
  // The keys fabric8's parser records the file under, for paths relative to the kubeconfig.
  private static final String CONTEXT_FILE = "KUBERNETES_CONFIG_CONTEXT_FILE_KEY";
  private static final String CLUSTER_FILE = "KUBERNETES_CONFIG_CLUSTER_FILE_KEY";
  private static final String USER_FILE = "KUBERNETES_CONFIG_AUTH_INFO_FILE_KEY";

  private static final Set<String> TOP =
      Set.of(
          "apiVersion", "kind", "clusters", "users", "contexts", "current-context", "preferences");
  private static final Set<String> CLUSTER =
      Set.of(
          "server",
          "certificate-authority",
          "certificate-authority-data",
          "insecure-skip-tls-verify");
  private static final Set<String> USER =
      Set.of(
          "client-certificate",
          "client-certificate-data",
          "client-key",
          "client-key-data",
          "token",
          "username",
          "password");
  private static final Set<String> CONTEXT = Set.of("cluster", "user", "namespace");

  private KubeconfigReader() {}

  /** The configuration of the kubeconfig's current context, as fabric8 would read it. */
  static Config read(Path kubeconfig) throws IOException {
    File file = kubeconfig.toFile();
    Optional<io.fabric8.kubernetes.api.model.Config> model =
        plain(Files.readString(kubeconfig), file);
    if (model.isEmpty()) {
      return Config.fromKubeconfig(file);
    }
    Config config = Config.empty();
    KubeConfigUtils.merge(config, null, model.get());
    return config;
  }

  /** The kubeconfig as fabric8's model when it has only the common fields, else empty. */
  static Optional<io.fabric8.kubernetes.api.model.Config> plain(String yaml, File file) {
    Object root;
    try {
      root = new Load(LoadSettings.builder().build()).loadFromString(yaml);
    } catch (RuntimeException e) {
      return Optional.empty(); // fabric8 reports it
    }
    if (!(root instanceof Map<?, ?> top) || !TOP.containsAll(top.keySet())) {
      return Optional.empty();
    }
    Object preferences = top.get("preferences");
    if (preferences != null && !(preferences instanceof Map<?, ?> p && p.isEmpty())) {
      return Optional.empty();
    }
    for (String scalar : List.of("apiVersion", "kind", "current-context")) {
      if (top.get(scalar) != null && !(top.get(scalar) instanceof String)) {
        return Optional.empty();
      }
    }
    io.fabric8.kubernetes.api.model.Config model = new io.fabric8.kubernetes.api.model.Config();
    model.setApiVersion(string(top.get("apiVersion")));
    model.setKind(string(top.get("kind")));
    model.setCurrentContext(string(top.get("current-context")));
    List<NamedCluster> clusters = new ArrayList<>();
    List<NamedAuthInfo> users = new ArrayList<>();
    List<NamedContext> contexts = new ArrayList<>();
    boolean ok =
        entries(
                top.get("clusters"),
                "cluster",
                CLUSTER,
                (name, v) -> {
                  Cluster c = new Cluster();
                  c.setServer(string(v.get("server")));
                  c.setCertificateAuthority(string(v.get("certificate-authority")));
                  c.setCertificateAuthorityData(string(v.get("certificate-authority-data")));
                  c.setInsecureSkipTlsVerify((Boolean) v.get("insecure-skip-tls-verify"));
                  NamedCluster named = new NamedCluster(c, name);
                  named.setAdditionalProperty(CLUSTER_FILE, file);
                  clusters.add(named);
                })
            && entries(
                top.get("users"),
                "user",
                USER,
                (name, v) -> {
                  AuthInfo u = new AuthInfo();
                  u.setClientCertificate(string(v.get("client-certificate")));
                  u.setClientCertificateData(string(v.get("client-certificate-data")));
                  u.setClientKey(string(v.get("client-key")));
                  u.setClientKeyData(string(v.get("client-key-data")));
                  u.setToken(string(v.get("token")));
                  u.setUsername(string(v.get("username")));
                  u.setPassword(string(v.get("password")));
                  NamedAuthInfo named = new NamedAuthInfo(name, u);
                  named.setAdditionalProperty(USER_FILE, file);
                  users.add(named);
                })
            && entries(
                top.get("contexts"),
                "context",
                CONTEXT,
                (name, v) -> {
                  Context c = new Context();
                  c.setCluster(string(v.get("cluster")));
                  c.setUser(string(v.get("user")));
                  c.setNamespace(string(v.get("namespace")));
                  NamedContext named = new NamedContext(c, name);
                  named.setAdditionalProperty(CONTEXT_FILE, file);
                  contexts.add(named);
                });
    if (!ok) {
      return Optional.empty();
    }
    model.setClusters(clusters);
    model.setUsers(users);
    model.setContexts(contexts);
    return Optional.of(model);
  }

  /**
   * Hands each {@code {name, <field>: {...}}} entry of a list to the consumer; false when the list
   * or an entry has another shape, another key or a value that is not a string or a boolean where a
   * boolean belongs.
   */
  private static boolean entries(
      Object list, String field, Set<String> keys, BiConsumer<String, Map<?, ?>> consumer) {
    if (list == null) {
      return true;
    }
    if (!(list instanceof List<?> items)) {
      return false;
    }
    for (Object item : items) {
      if (!(item instanceof Map<?, ?> entry)
          || !Set.of("name", field).containsAll(entry.keySet())
          || !(entry.get("name") instanceof String name)
          || !(entry.get(field) instanceof Map<?, ?> value)
          || !keys.containsAll(value.keySet())) {
        return false;
      }
      for (Map.Entry<?, ?> e : value.entrySet()) {
        boolean flag = e.getKey().equals("insecure-skip-tls-verify");
        if (e.getValue() != null
            && !(flag ? e.getValue() instanceof Boolean : e.getValue() instanceof String)) {
          return false;
        }
      }
      consumer.accept(name, value);
    }
    return true;
  }

  private static String string(Object value) {
    return (String) value;
  }
}
