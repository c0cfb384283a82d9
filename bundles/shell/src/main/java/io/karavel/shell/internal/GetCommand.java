package io.karavel.shell.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code kube:get}: kubectl get over server-side Tables. */
@Command(
    scope = "kube",
    name = "get",
    description = "Display one or many resources, as kubectl get does.",
    detailedDescription =
        "Prints the server's table for the resource type: NAME and the type's columns (more with"
            + " -o wide), NAMESPACE first with -A.\n"
            + "TYPE is a plural, singular or short name or a kind, optionally qualified as"
            + " TYPE.GROUP or TYPE.VERSION.GROUP; several types are separated by commas; a"
            + " category such as 'all' stands for its types. Objects may also be named as"
            + " TYPE/NAME.\n"
            + "Examples:\n"
            + "  kube:get pods\n"
            + "  kube:get deploy web -o yaml\n"
            + "  kube:get cm,secrets -A -l app=web\n"
            + "  kube:get pods -w")
@Service
public class GetCommand extends KubeCommandSupport {

  @Argument(
      index = 0,
      name = "type",
      description = "Resource type(s), comma separated, or TYPE/NAME",
      required = true)
  @Completion(ResourceTypeCompleter.class)
  String type;

  @Argument(
      index = 1,
      name = "names",
      description = "Names of the objects (all objects when none is given)",
      multiValued = true)
  @Completion(ObjectNameCompleter.class)
  List<String> names = new ArrayList<>();

  @Option(
      name = "-o",
      aliases = "--output",
      description = "Output format: wide, name, yaml or json (default: the table)")
  @Completion(OutputFormatCompleter.class)
  String output;

  @Option(
      name = "-A",
      aliases = "--all-namespaces",
      description = "List the objects of all namespaces (adds a NAMESPACE column)")
  boolean allNamespaces;

  @Option(
      name = "-l",
      aliases = "--selector",
      description = "Label selector to filter on, e.g. app=web,tier!=db")
  String selector;

  @Option(
      name = "--field-selector",
      description = "Field selector to filter on, e.g. metadata.name=web,status.phase=Running")
  String fieldSelector;

  @Option(
      name = "-w",
      aliases = "--watch",
      description = "After listing, print objects as they change until interrupted (Ctrl-C)")
  boolean watch;

  @Option(name = "--show-labels", description = "Show all labels as the last column")
  boolean showLabels;

  @Option(
      name = "-L",
      aliases = "--label-columns",
      description = "Label keys to show as columns, comma separated (may be repeated)",
      multiValued = true)
  List<String> labelColumns = new ArrayList<>();

  @Option(name = "--show-kind", description = "Prefix names with their type (kind.group/name)")
  boolean showKind;

  @Option(name = "--no-headers", description = "Do not print column headers")
  boolean noHeaders;

  @Override
  protected void run() throws Exception {
    names = withLateOptions(names);
    String format = output == null ? "" : output;
    if (!List.of("", "wide", "name", "yaml", "json").contains(format)) {
      throw new IllegalArgumentException(
          "error: unable to match a printer suitable for the output format \""
              + format
              + "\", allowed formats are: json,name,wide,yaml");
    }
    Map<ApiResource, List<String>> requests = requests();
    if (watch && requests.size() > 1) {
      throw new IllegalArgumentException("error: you may only specify a single resource type");
    }
    if (watch && requests.values().iterator().next().size() > 1) {
      throw new IllegalArgumentException(
          "error: watch is only supported on individual resources and resource collections, but "
              + requests.values().iterator().next().size()
              + " resources were found");
    }
    if (watch && List.of("name", "yaml", "json").contains(format)) {
      throw new IllegalArgumentException(
          "error: kube:get --watch prints tables only (-o wide is fine)");
    }
    switch (format) {
      case "yaml", "json" -> printObjects(requests, format);
      case "name" -> printNames(requests);
      default -> printTables(requests, format.equals("wide"));
    }
  }

  /** Types in the order given, with the names asked for (none: list them all). */
  private Map<ApiResource, List<String>> requests() {
    Map<ApiResource, List<String>> requests = new LinkedHashMap<>();
    List<String> args = new ArrayList<>();
    args.add(type);
    args.addAll(names);
    if (type.contains("/")) {
      for (Target target : targets(args)) {
        requests.computeIfAbsent(target.resource(), r -> new ArrayList<>()).add(target.name());
      }
      return requests;
    }
    for (String one : type.split(",")) {
      if (one.isEmpty()) {
        continue;
      }
      for (ApiResource resource : resolveWithCategories(one)) {
        requests.computeIfAbsent(resource, r -> new ArrayList<>()).addAll(names);
      }
    }
    return requests;
  }

  private List<ApiResource> resolveWithCategories(String one) {
    try {
      return resolver().resolveWithCategories(one);
    } catch (UnknownResourceTypeException e) {
      Discovery.invalidate();
      return resolver().resolveWithCategories(one);
    }
  }

  private String listNamespace(ApiResource resource) {
    return !resource.namespaced() || allNamespaces ? null : namespace();
  }

  private String query(String extra) {
    List<String> params = new ArrayList<>();
    if (selector != null && !selector.isEmpty()) {
      params.add("labelSelector=" + PathSegments.encode(selector));
    }
    if (fieldSelector != null && !fieldSelector.isEmpty()) {
      params.add("fieldSelector=" + PathSegments.encode(fieldSelector));
    }
    if (extra != null) {
      params.add(extra);
    }
    return params.isEmpty() ? "" : "?" + String.join("&", params);
  }

  /** Lists a collection, following continue tokens, as one Table or list. */
  private JsonNode list(ApiResource resource, String accept) throws InterruptedException {
    String path = resource.collectionPath(listNamespace(resource));
    JsonNode first = null;
    String cont = null;
    do {
      String extra = "limit=500" + (cont == null ? "" : "&continue=" + PathSegments.encode(cont));
      JsonNode page = api().getJson(path + query(extra), accept);
      if (first == null) {
        first = page;
      } else {
        ArrayNode into =
            (ArrayNode)
                first.withArray("Table".equals(first.path("kind").asText()) ? "rows" : "items");
        page.path("Table".equals(page.path("kind").asText()) ? "rows" : "items").forEach(into::add);
        ((ObjectNode) first.with("metadata"))
            .set("resourceVersion", page.path("metadata").path("resourceVersion"));
      }
      cont = page.path("metadata").path("continue").asText("");
    } while (!cont.isEmpty());
    return first;
  }

  private JsonNode getOne(ApiResource resource, String name, String accept)
      throws InterruptedException {
    return api().getJson(resource.objectPath(namespace(), name), accept);
  }

  // ------------------------------------------------------------ tables

  private void printTables(Map<ApiResource, List<String>> requests, boolean wide) throws Exception {
    boolean withKind = showKind || requests.size() > 1;
    boolean printedAny = false;
    List<ApiException> notFound = new ArrayList<>();
    TabWriter writer = null;
    JsonNode lastTable = null;
    ApiResource lastResource = null;
    for (Map.Entry<ApiResource, List<String>> request : requests.entrySet()) {
      ApiResource resource = request.getKey();
      JsonNode table;
      if (request.getValue().isEmpty()) {
        table = list(resource, KubeApi.TABLE_ACCEPT);
      } else {
        table = null;
        for (String name : request.getValue()) {
          try {
            JsonNode one = getOne(resource, name, KubeApi.TABLE_ACCEPT);
            table = table == null ? one : merge(table, one);
          } catch (ApiException e) {
            if (!e.isNotFound()) {
              throw e;
            }
            notFound.add(e);
          }
        }
        if (table == null) {
          continue;
        }
      }
      TableFormatter formatter = formatter(resource, wide, withKind);
      List<List<String>> rows = formatter.rows(table);
      if (rows.isEmpty()) {
        continue;
      }
      if (printedAny) {
        out().println();
      }
      writer = TabWriter.forTables(out());
      List<String> header = formatter.header(table);
      if (!header.isEmpty()) {
        writer.row(header);
      }
      rows.forEach(writer::row);
      writer.flush();
      printedAny = true;
      lastTable = table;
      lastResource = resource;
    }
    if (!printedAny && notFound.isEmpty()) {
      noResources(requests.keySet().iterator().next());
    }
    if (watch) {
      ApiResource resource = requests.keySet().iterator().next();
      JsonNode table = lastTable;
      new TableWatch(resource, formatter(resource, wide, withKind), writer, table == null)
          .run(lastResource == null ? null : table);
    }
    if (!notFound.isEmpty()) {
      // kubectl prints what it found, then the errors, and fails.
      throw new CommandFailure(
          String.join("\n", notFound.stream().map(ApiException::getMessage).toList()));
    }
  }

  private TableFormatter formatter(ApiResource resource, boolean wide, boolean withKind) {
    return new TableFormatter(
        new TableOptions(
            wide,
            allNamespaces && resource.namespaced(),
            showLabels,
            splitLabelColumns(),
            withKind ? resource.kindName() : null,
            noHeaders),
        Clock.systemUTC());
  }

  private List<String> splitLabelColumns() {
    List<String> keys = new ArrayList<>();
    for (String value : labelColumns) {
      for (String key : value.split(",")) {
        if (!key.isBlank()) {
          keys.add(key.strip());
        }
      }
    }
    return keys;
  }

  private static JsonNode merge(JsonNode table, JsonNode more) {
    String rows = "Table".equals(table.path("kind").asText()) ? "rows" : "items";
    if ("Table".equals(table.path("kind").asText()) && "Table".equals(more.path("kind").asText())) {
      ((ArrayNode) table.withArray(rows)).addAll((ArrayNode) more.withArray(rows));
    }
    return table;
  }

  private void noResources(ApiResource resource) {
    if (resource.namespaced() && !allNamespaces) {
      err().println("No resources found in " + namespace() + " namespace.");
    } else {
      err().println("No resources found");
    }
  }

  /** Follows a watch of Tables and prints each changed row. */
  private final class TableWatch {
    private final ApiResource resource;
    private final TableFormatter formatter;
    private TabWriter writer;
    private boolean headerDue;

    TableWatch(
        ApiResource resource, TableFormatter formatter, TabWriter writer, boolean headerDue) {
      this.resource = resource;
      this.formatter = formatter;
      this.writer = writer == null ? TabWriter.forTables(out()) : writer;
      this.headerDue = headerDue && !noHeaders;
    }

    void run(JsonNode listed) throws Exception {
      String resourceVersion;
      if (listed != null) {
        resourceVersion = listed.path("metadata").path("resourceVersion").asText("");
      } else {
        resourceVersion =
            list(resource, KubeApi.TABLE_ACCEPT)
                .path("metadata")
                .path("resourceVersion")
                .asText("");
      }
      List<String> watchNames = names;
      String nameSelector = watchNames.size() == 1 ? "metadata.name=" + watchNames.get(0) : null;
      String fields = fieldSelector;
      if (nameSelector != null) {
        fields = fields == null || fields.isEmpty() ? nameSelector : fields + "," + nameSelector;
      }
      List<String> params = new ArrayList<>();
      params.add("watch=1");
      if (!resourceVersion.isEmpty()) {
        params.add("resourceVersion=" + PathSegments.encode(resourceVersion));
      }
      if (selector != null && !selector.isEmpty()) {
        params.add("labelSelector=" + PathSegments.encode(selector));
      }
      if (fields != null && !fields.isEmpty()) {
        params.add("fieldSelector=" + PathSegments.encode(fields));
      }
      String path =
          resource.collectionPath(listNamespace(resource)) + "?" + String.join("&", params);
      try (KubeApi.WatchStream stream = api().watch(path, KubeApi.TABLE_ACCEPT)) {
        JsonNode event;
        while ((event = stream.next()) != null) {
          String type = event.path("type").asText();
          if ("ERROR".equals(type)) {
            throw ApiException.of(
                event.path("object").path("code").asInt(500), Json.write(event.path("object")));
          }
          if ("BOOKMARK".equals(type)) {
            continue;
          }
          JsonNode object = event.path("object");
          if (headerDue) {
            List<String> header = formatter.header(object);
            if (!header.isEmpty()) {
              writer.row(header);
            }
            headerDue = false;
          }
          formatter.rows(object).forEach(writer::row);
          writer.flush();
        }
      }
    }
  }

  // ------------------------------------------------------------ names, yaml, json

  private void printNames(Map<ApiResource, List<String>> requests) throws Exception {
    boolean any = false;
    for (Map.Entry<ApiResource, List<String>> request : requests.entrySet()) {
      for (JsonNode object : objects(request.getKey(), request.getValue())) {
        out().println(request.getKey().kindName() + "/" + Json.name(object));
        any = true;
      }
    }
    if (!any && requests.values().stream().allMatch(List::isEmpty)) {
      noResources(requests.keySet().iterator().next());
    }
  }

  private void printObjects(Map<ApiResource, List<String>> requests, String format)
      throws Exception {
    List<JsonNode> all = new ArrayList<>();
    for (Map.Entry<ApiResource, List<String>> request : requests.entrySet()) {
      all.addAll(objects(request.getKey(), request.getValue()));
    }
    boolean single =
        requests.size() == 1 && requests.values().iterator().next().size() == 1 && all.size() == 1;
    JsonNode printed;
    if (single) {
      printed = all.get(0);
    } else {
      ObjectNode list = Json.object();
      list.put("apiVersion", "v1");
      ArrayNode items = list.putArray("items");
      all.forEach(items::add);
      list.put("kind", "List");
      list.putObject("metadata").put("resourceVersion", "");
      printed = list;
    }
    out().print("json".equals(format) ? ObjectPrinter.json(printed) : ObjectPrinter.yaml(printed));
  }

  /** Full objects, with apiVersion and kind set as kubectl shows them. */
  private List<JsonNode> objects(ApiResource resource, List<String> wanted) throws Exception {
    List<JsonNode> objects = new ArrayList<>();
    if (wanted.isEmpty()) {
      for (JsonNode item : list(resource, KubeApi.JSON).path("items")) {
        objects.add(withTypeMeta(item, resource));
      }
    } else {
      for (String name : wanted) {
        objects.add(withTypeMeta(getOne(resource, name, KubeApi.JSON), resource));
      }
    }
    return objects;
  }

  private static JsonNode withTypeMeta(JsonNode object, ApiResource resource) {
    if (object instanceof ObjectNode node) {
      if (!node.has("apiVersion")) {
        node.put("apiVersion", resource.apiVersion());
      }
      if (!node.has("kind")) {
        node.put("kind", resource.kind());
      }
    }
    return object;
  }
}
