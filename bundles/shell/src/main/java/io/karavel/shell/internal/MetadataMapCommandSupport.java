package io.karavel.shell.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared part of {@code kube:label} and {@code kube:annotate}: arguments {@code TYPE NAME...
 * key=value key-}, refusal to change an existing value without {@code --overwrite}, and a JSON
 * merge patch of {@code metadata.labels} or {@code metadata.annotations}, as kubectl sends.
 */
abstract class MetadataMapCommandSupport extends KubeCommandSupport {

  /** {@code labels} or {@code annotations}. */
  abstract String field();

  /** Past participle for the output: {@code labeled} or {@code annotated}. */
  abstract String done();

  abstract List<String> arguments();

  abstract boolean overwrite();

  /** Parsed {@code key=value} (value set) and {@code key-} (value null) arguments. */
  record Changes(List<String> objects, Map<String, String> changes) {}

  static Changes split(List<String> args, String what) {
    List<String> objects = new ArrayList<>();
    Map<String, String> changes = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq > 0) {
        changes.put(arg.substring(0, eq), arg.substring(eq + 1));
      } else if (arg.endsWith("-") && arg.length() > 1) {
        // Names and types never end with '-', so this is a removal.
        changes.put(arg.substring(0, arg.length() - 1), null);
      } else if (changes.isEmpty()) {
        objects.add(arg);
      } else {
        throw new IllegalArgumentException("error: invalid " + what + " spec: " + arg);
      }
    }
    if (changes.isEmpty()) {
      throw new IllegalArgumentException("error: at least one " + what + " update is required");
    }
    return new Changes(objects, changes);
  }

  @Override
  protected void run() throws Exception {
    String singular = field().substring(0, field().length() - 1);
    Changes parsed = split(withLateOptions(arguments()), singular);
    for (Target target : targets(parsed.objects())) {
      ApiResource resource = target.resource();
      String path = resource.objectPath(namespace(), target.name());
      JsonNode current = api().getJson(path, KubeApi.JSON).path("metadata").path(field());
      ObjectNode values = Json.object();
      boolean changed = false;
      for (Map.Entry<String, String> change : parsed.changes().entrySet()) {
        String key = change.getKey();
        String value = change.getValue();
        JsonNode existing = current.get(key);
        if (value == null) {
          if (existing != null) {
            values.putNull(key);
            changed = true;
          }
          continue;
        }
        if (existing != null && !overwrite() && !existing.asText().equals(value)) {
          throw new IllegalArgumentException(
              "error: '"
                  + key
                  + "' already has a value ("
                  + existing.asText()
                  + "), and --overwrite is false");
        }
        if (existing == null || !existing.asText().equals(value)) {
          changed = true;
        }
        values.put(key, value);
      }
      ObjectNode patch = Json.object();
      patch.putObject("metadata").set(field(), values);
      api().send("PATCH", path, KubeApi.JSON, KubeApi.MERGE_PATCH, Json.write(patch)).json();
      out().println(resource.kindName() + "/" + target.name() + " " + outcome(changed, parsed));
    }
  }

  private String outcome(boolean changed, Changes parsed) {
    if ("labels".equals(field())) {
      if (!changed) {
        return "not labeled";
      }
      return parsed.changes().values().stream().allMatch(v -> v == null) ? "unlabeled" : "labeled";
    }
    return done();
  }
}
