package io.karavel.api.core.internal;

import static io.karavel.api.core.internal.Validation.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Secrets: {@code stringData} folded into base64 {@code data} (as upstream's conversion does, so it
 * is never stored), type {@code Opaque} by default, key syntax, 1 MiB, the keys each well-known
 * type requires, type and {@code immutable} content fixed on update.
 */
final class SecretStrategy implements ResourceStrategy {

  @Override
  public void prepareForCreate(ObjectNode secret) {
    foldStringData(secret);
  }

  @Override
  public void prepareForUpdate(ObjectNode secret, ObjectNode old) {
    foldStringData(secret);
  }

  static void foldStringData(ObjectNode secret) {
    if (!(secret.remove("stringData") instanceof ObjectNode stringData) || stringData.isEmpty()) {
      return;
    }
    ObjectNode data = Nodes.object(secret, "data");
    for (var it = stringData.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      byte[] raw = e.getValue().asText().getBytes(StandardCharsets.UTF_8);
      data.put(e.getKey(), Base64.getEncoder().encodeToString(raw));
    }
  }

  @Override
  public void applyDefaults(ObjectNode secret) {
    Nodes.defaultText(secret, "type", "Opaque");
  }

  @Override
  public List<FieldError> validate(ObjectNode secret) {
    List<FieldError> out = new ArrayList<>();
    long total = 0;
    JsonNode data = secret.path("data");
    for (Map.Entry<String, JsonNode> e : Nodes.entries(secret, "data")) {
      String p = key("data", e.getKey());
      ConfigMapStrategy.keyErrors(e.getKey(), p, out);
      total += ConfigMapStrategy.decodedLength(e.getValue(), p, out);
    }
    if (total > ConfigMapStrategy.MAX_SIZE) {
      out.add(FieldError.tooLong("data", ConfigMapStrategy.MAX_SIZE));
    }
    switch (Nodes.text(secret, "type")) {
      case "kubernetes.io/service-account-token" -> {
        String annotation = "kubernetes.io/service-account.name";
        if (Nodes.text(secret.path("metadata").path("annotations"), annotation).isEmpty()) {
          out.add(FieldError.required(key("metadata.annotations", annotation), ""));
        }
      }
      case "kubernetes.io/dockercfg" -> jsonKey(data, ".dockercfg", out);
      case "kubernetes.io/dockerconfigjson" -> jsonKey(data, ".dockerconfigjson", out);
      case "kubernetes.io/basic-auth" -> {
        if (!data.has("username") && !data.has("password")) {
          out.add(FieldError.required(key("data", "username"), ""));
          out.add(FieldError.required(key("data", "password"), ""));
        }
      }
      case "kubernetes.io/ssh-auth" -> {
        if (data.path("ssh-privatekey").asText("").isEmpty()) {
          out.add(FieldError.required(key("data", "ssh-privatekey"), ""));
        }
      }
      case "kubernetes.io/tls" -> {
        for (String k : List.of("tls.crt", "tls.key")) {
          if (!data.has(k)) {
            out.add(FieldError.required(key("data", k), ""));
          }
        }
      }
      default -> {}
    }
    return out;
  }

  /** The key must be present and hold base64 of a JSON object. */
  private static void jsonKey(JsonNode data, String k, List<FieldError> out) {
    String p = key("data", k);
    if (!data.has(k)) {
      out.add(FieldError.required(p, ""));
      return;
    }
    try {
      byte[] raw = Base64.getDecoder().decode(data.get(k).asText());
      if (!Nodes.MAPPER.readTree(raw).isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
    } catch (IOException | IllegalArgumentException e) {
      out.add(
          Validation.invalidRaw(
              p, "\"<secret contents redacted>\"", "must be a valid JSON object"));
    }
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode secret, ObjectNode old) {
    List<FieldError> out = new ArrayList<>();
    if (!Nodes.text(secret, "type").equals(Nodes.text(old, "type"))) {
      out.add(FieldError.invalid("type", Nodes.text(secret, "type"), Validation.IMMUTABLE));
    }
    out.addAll(ConfigMapStrategy.immutableContent(secret, old, List.of("data")));
    return out;
  }
}
