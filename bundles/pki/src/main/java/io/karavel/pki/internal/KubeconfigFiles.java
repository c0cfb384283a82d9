package io.karavel.pki.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.karavel.pki.Kubeconfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads and writes kubeconfig YAML. Reading follows client-go: the current (or named) context
 * selects a cluster and a user; embedded {@code *-data} values win over their file-path variants;
 * relative paths are relative to the kubeconfig's directory; {@code tokenFile} wins over {@code
 * token}.
 */
public final class KubeconfigFiles {

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build());

  private KubeconfigFiles() {}

  public static Kubeconfig read(Path file, String context) throws IOException {
    Path base = file.toAbsolutePath().getParent();
    try {
      return parse(Files.readString(file), base, context);
    } catch (IOException e) {
      if (e instanceof java.nio.file.NoSuchFileException) {
        throw e;
      }
      throw new IOException("kubeconfig " + file + ": " + e.getMessage(), e);
    }
  }

  public static Kubeconfig parse(String yaml, Path base, String context) throws IOException {
    JsonNode root = YAML.readTree(yaml);
    if (root == null || !root.isObject()) {
      throw new IOException("not a kubeconfig (expected a YAML mapping)");
    }
    String contextName = context != null ? context : text(root, "current-context").orElse("");
    if (contextName.isEmpty()) {
      throw new IOException("current-context is not set");
    }
    JsonNode ctx = named(root, "contexts", contextName, "context");
    String clusterName = text(ctx, "cluster").orElse("");
    String userName = text(ctx, "user").orElse("");
    JsonNode cluster = named(root, "clusters", clusterName, "cluster");
    String server =
        text(cluster, "server")
            .orElseThrow(() -> new IOException("cluster \"" + clusterName + "\" has no server"));
    // A context without a user is anonymous, as in kubectl.
    JsonNode user =
        userName.isEmpty() ? YAML.createObjectNode() : named(root, "users", userName, "user");
    Optional<String> cert = data(user, "client-certificate-data", "client-certificate", base);
    Optional<String> key = data(user, "client-key-data", "client-key", base);
    if (cert.isPresent() != key.isPresent()) {
      throw new IOException(
          "user \""
              + userName
              + "\" has a client "
              + (cert.isPresent() ? "certificate" : "key")
              + " without the matching "
              + (cert.isPresent() ? "key" : "certificate"));
    }
    Optional<String> tokenFile = text(user, "tokenFile");
    Optional<String> token =
        tokenFile.isPresent()
            ? Optional.of(Files.readString(resolve(base, tokenFile.get())).strip())
            : text(user, "token");
    return new Kubeconfig(
        server,
        clusterName,
        userName,
        contextName,
        text(ctx, "namespace"),
        data(cluster, "certificate-authority-data", "certificate-authority", base),
        cert,
        key,
        token,
        cluster.path("insecure-skip-tls-verify").asBoolean(false));
  }

  public static String toYaml(Kubeconfig config) {
    ObjectNode root = YAML.createObjectNode();
    root.put("apiVersion", "v1");
    root.put("kind", "Config");
    ObjectNode cluster = YAML.createObjectNode();
    config
        .certificateAuthorityPem()
        .ifPresent(ca -> cluster.put("certificate-authority-data", b64(ca)));
    if (config.insecureSkipTlsVerify()) {
      cluster.put("insecure-skip-tls-verify", true);
    }
    cluster.put("server", config.server());
    entry(root.putArray("clusters"), config.clusterName(), "cluster", cluster);
    ObjectNode context = YAML.createObjectNode();
    context.put("cluster", config.clusterName());
    config.namespace().ifPresent(ns -> context.put("namespace", ns));
    context.put("user", config.userName());
    entry(root.putArray("contexts"), config.contextName(), "context", context);
    root.put("current-context", config.contextName());
    root.putObject("preferences");
    ObjectNode user = YAML.createObjectNode();
    config.clientCertificatePem().ifPresent(c -> user.put("client-certificate-data", b64(c)));
    config.clientKeyPem().ifPresent(k -> user.put("client-key-data", b64(k)));
    config.token().ifPresent(t -> user.put("token", t));
    entry(root.putArray("users"), config.userName(), "user", user);
    try {
      return YAML.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(Path file, Kubeconfig config) throws IOException {
    AtomicFiles.write(file, toYaml(config).getBytes(StandardCharsets.UTF_8), true);
  }

  private static void entry(ArrayNode list, String name, String field, ObjectNode value) {
    ObjectNode item = list.addObject();
    item.put("name", name);
    item.set(field, value);
  }

  private static String b64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
  }

  private static JsonNode named(JsonNode root, String list, String name, String field)
      throws IOException {
    for (JsonNode item : root.path(list)) {
      if (name.equals(item.path("name").asText(null))) {
        JsonNode value = item.path(field);
        return value.isObject() ? value : YAML.createObjectNode();
      }
    }
    throw new IOException(field + " \"" + name + "\" not found");
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.asText().isEmpty()
        ? Optional.of(value.asText())
        : Optional.empty();
  }

  private static Optional<String> data(JsonNode node, String dataField, String fileField, Path base)
      throws IOException {
    Optional<String> data = text(node, dataField);
    if (data.isPresent()) {
      try {
        return Optional.of(
            new String(Base64.getMimeDecoder().decode(data.get()), StandardCharsets.US_ASCII));
      } catch (IllegalArgumentException e) {
        throw new IOException(dataField + " is not valid base64", e);
      }
    }
    Optional<String> file = text(node, fileField);
    if (file.isPresent()) {
      return Optional.of(Files.readString(resolve(base, file.get()), StandardCharsets.US_ASCII));
    }
    return Optional.empty();
  }

  private static Path resolve(Path base, String file) {
    Path path = Path.of(file);
    return path.isAbsolute() || base == null ? path : base.resolve(path);
  }
}
