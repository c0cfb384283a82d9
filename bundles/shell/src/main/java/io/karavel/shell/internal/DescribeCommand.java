package io.karavel.shell.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code kube:describe}: kubectl's generic describer plus the object's events. */
@Command(
    scope = "kube",
    name = "describe",
    description = "Show details of objects and their events, as kubectl describe does.",
    detailedDescription =
        "Prints name, namespace, labels and annotations, then every field of the object (keys"
            + " sorted, camelCase turned into words), then the events whose involvedObject is the"
            + " object.\n"
            + "With only a TYPE, describes every object of that type (-l narrows them down).\n"
            + "Examples:\n"
            + "  kube:describe deploy web\n"
            + "  kube:describe pod/web-5d8f7 -n shop\n"
            + "  kube:describe nodes -l role=worker")
@Service
public class DescribeCommand extends KubeCommandSupport {

  @Argument(index = 0, name = "type", description = "Resource type, or TYPE/NAME", required = true)
  @Completion(ResourceTypeCompleter.class)
  String type;

  @Argument(
      index = 1,
      name = "names",
      description = "Names of the objects (all of the type when none is given)",
      multiValued = true)
  @Completion(ObjectNameCompleter.class)
  List<String> names = new ArrayList<>();

  @Option(
      name = "-A",
      aliases = "--all-namespaces",
      description = "Describe objects of all namespaces")
  boolean allNamespaces;

  @Option(name = "-l", aliases = "--selector", description = "Label selector to filter on")
  String selector;

  @Option(
      name = "--show-events",
      description = "Show the events of each object; --show-events=false leaves them out")
  boolean showEvents = true;

  @Override
  protected void run() throws Exception {
    names = withLateOptions(names);
    List<JsonNode> objects = new ArrayList<>();
    if (type.contains("/") || !names.isEmpty()) {
      List<String> args = new ArrayList<>();
      args.add(type);
      args.addAll(names);
      for (Target target : targets(args)) {
        objects.add(
            api().getJson(target.resource().objectPath(namespace(), target.name()), KubeApi.JSON));
      }
    } else {
      ApiResource resource = resolve(type);
      String path =
          resource.collectionPath(resource.namespaced() && !allNamespaces ? namespace() : null);
      if (selector != null && !selector.isEmpty()) {
        path += "?labelSelector=" + PathSegments.encode(selector);
      }
      for (JsonNode item : api().getJson(path, KubeApi.JSON).path("items")) {
        if (item instanceof com.fasterxml.jackson.databind.node.ObjectNode node) {
          node.put("apiVersion", resource.apiVersion());
          node.put("kind", resource.kind());
        }
        objects.add(item);
      }
      if (objects.isEmpty()) {
        err()
            .println(
                resource.namespaced() && !allNamespaces
                    ? "No resources found in " + namespace() + " namespace."
                    : "No resources found");
        return;
      }
    }
    Describer describer = new Describer(Instant.now());
    boolean first = true;
    for (JsonNode object : objects) {
      if (!first) {
        out().println();
        out().println();
      }
      first = false;
      describer.describe(object, showEvents ? events(object) : null, out());
    }
  }

  /** Events about {@code object}, found by the field selector kubectl describe uses. */
  private List<JsonNode> events(JsonNode object) throws InterruptedException {
    String name = Json.name(object);
    String objectNamespace = Json.namespace(object);
    String uid = object.path("metadata").path("uid").asText("");
    String kind = object.path("kind").asText("");
    // The same selector kubectl describe sends.
    String selector = "involvedObject.name=" + name;
    if (!objectNamespace.isEmpty()) {
      selector += ",involvedObject.namespace=" + objectNamespace;
    }
    if (!kind.isEmpty()) {
      selector += ",involvedObject.kind=" + kind;
    }
    if (!uid.isEmpty()) {
      selector += ",involvedObject.uid=" + uid;
    }
    String path =
        (objectNamespace.isEmpty()
                ? "/api/v1/events"
                : "/api/v1/namespaces/" + PathSegments.encode(objectNamespace) + "/events")
            + "?fieldSelector="
            + PathSegments.encode(selector);
    KubeApi.Response response = api().get(path, KubeApi.JSON);
    List<JsonNode> events = new ArrayList<>();
    if (!response.ok()) {
      // Events are an extra: a server without them still gets its objects described.
      return events;
    }
    for (JsonNode event : response.json().path("items")) {
      JsonNode involved = event.path("involvedObject");
      // The uid and kind checks keep events of an earlier object of the same name out.
      boolean sameUid = uid.isEmpty() || involved.path("uid").asText(uid).equals(uid);
      boolean sameKind = kind.isEmpty() || involved.path("kind").asText(kind).equals(kind);
      if (sameUid && sameKind) {
        events.add(event);
      }
    }
    return events;
  }
}
