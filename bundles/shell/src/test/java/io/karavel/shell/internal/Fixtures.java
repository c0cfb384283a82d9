package io.karavel.shell.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResourceList;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Test fixtures under src/test/resources/kubectl (see the README there). */
final class Fixtures {
  private Fixtures() {}

  static String text(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/kubectl/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String name) {
    return Json.parse(text(name));
  }

  /** What {@code printer} prints, with Unix line ends. */
  static String printed(Consumer<PrintStream> printer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      printer.accept(out);
    }
    return bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  /** The resolver for discovery.json, as the server there would be discovered. */
  static ResourceResolver resolver() {
    JsonNode discovery = json("discovery.json");
    try {
      APIResourceList core =
          Json.MAPPER.treeToValue(discovery.get("/api/v1"), APIResourceList.class);
      APIGroupList groups = Json.MAPPER.treeToValue(discovery.get("/apis"), APIGroupList.class);
      return ResourceResolver.fromDiscovery(
          core,
          groups,
          groupVersion -> {
            try {
              return Json.MAPPER.treeToValue(
                  discovery.get("/apis/" + groupVersion), APIResourceList.class);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
