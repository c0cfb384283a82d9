package io.karavel.shell.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads the objects of {@code -f} arguments as kubectl does: files, directories (their .yaml, .yml
 * and .json files, not recursive) and URLs; YAML streams with several documents; {@code List}
 * objects flattened into their items.
 */
final class ManifestReader {
  /** An object and the file or URL it came from, for kubectl's error messages. */
  record Manifest(JsonNode object, String source) {}

  private ManifestReader() {}

  static List<Manifest> read(List<String> sources) {
    List<Manifest> objects = new ArrayList<>();
    for (String source : sources) {
      if (source.startsWith("http://")
          || source.startsWith("https://")
          || source.startsWith("file:")) {
        try (InputStream in = URI.create(source).toURL().openStream()) {
          objects.addAll(parse(in, source));
        } catch (IOException e) {
          throw new UncheckedIOException("error: cannot read " + source + ": " + e.getMessage(), e);
        }
        continue;
      }
      Path path = Path.of(source);
      if (Files.isDirectory(path)) {
        try (Stream<Path> files = Files.list(path)) {
          for (Path file : files.filter(ManifestReader::isManifest).sorted().toList()) {
            objects.addAll(parseFile(file));
          }
        } catch (IOException e) {
          throw new UncheckedIOException("error: cannot list " + source, e);
        }
      } else if (Files.isRegularFile(path)) {
        objects.addAll(parseFile(path));
      } else {
        throw new IllegalArgumentException("error: the path \"" + source + "\" does not exist");
      }
    }
    return objects;
  }

  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(file)
        && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
  }

  private static List<Manifest> parseFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("error: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Every object of a YAML (or JSON) stream. */
  static List<Manifest> parse(InputStream in, String source) {
    List<Manifest> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = Json.YAML.readerFor(JsonNode.class).readValues(in)) {
      while (documents.hasNextValue()) {
        JsonNode document = documents.nextValue();
        if (document == null
            || document.isNull()
            || document.isMissingNode()
            || document.isEmpty()) {
          continue;
        }
        flatten(document, source, objects);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "error: error parsing "
              + source
              + ": "
              + (e instanceof com.fasterxml.jackson.core.JsonProcessingException parse
                  ? parse.getOriginalMessage()
                  : e.getMessage()),
          e);
    }
    return objects;
  }

  private static void flatten(JsonNode document, String source, List<Manifest> objects) {
    if (!document.isObject()) {
      throw new IllegalArgumentException(
          "error: " + source + " holds something that is not an object");
    }
    if (document.path("kind").asText("").endsWith("List") && document.path("items").isArray()) {
      for (JsonNode item : document.path("items")) {
        flatten(item, source, objects);
      }
      return;
    }
    if (document.path("apiVersion").asText("").isEmpty()
        || document.path("kind").asText("").isEmpty()) {
      throw new IllegalArgumentException(
          "error: error validating data from " + source + ": apiVersion and kind must be set");
    }
    objects.add(new Manifest(document, source));
  }
}
