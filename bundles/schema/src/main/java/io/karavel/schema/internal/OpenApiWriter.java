package io.karavel.schema.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.schema.FieldMeta;
import io.karavel.schema.SchemaNode;
import io.karavel.schema.SchemaType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Writes the OpenAPI v3 document of one group version in the shape kube-apiserver serves at {@code
 * /openapi/v3/...}: a path per collection and item with operations carrying {@code
 * x-kubernetes-action} and {@code x-kubernetes-group-version-kind} (kubectl finds the {@code
 * fieldValidation} parameter of the {@code patch} operation there), and {@code components.schemas}
 * named after upstream's Go packages, each kind carrying its {@code
 * x-kubernetes-group-version-kind}.
 */
final class OpenApiWriter {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String REF = "#/components/schemas/";

  /** Fields upstream requires; kept to what a client must send. */
  private static final Map<String, List<String>> REQUIRED =
      Map.ofEntries(
          Map.entry("Container", List.of("name")),
          Map.entry("EphemeralContainer", List.of("name")),
          Map.entry("ContainerPort", List.of("containerPort")),
          Map.entry("EnvVar", List.of("name")),
          Map.entry("Volume", List.of("name")),
          Map.entry("VolumeMount", List.of("name", "mountPath")),
          Map.entry("ServicePort", List.of("port")),
          Map.entry("PodSpec", List.of("containers")),
          Map.entry("OwnerReference", List.of("apiVersion", "kind", "name", "uid")),
          Map.entry("LabelSelectorRequirement", List.of("key", "operator")),
          Map.entry("DeploymentSpec", List.of("selector", "template")));

  private final Function<Class<?>, SchemaNode> schemas;

  OpenApiWriter(Function<Class<?>, SchemaNode> schemas) {
    this.schemas = schemas;
  }

  ObjectNode document(String group, String version, List<ResourceDefinition> defs) {
    ObjectNode doc = JSON.objectNode();
    doc.put("openapi", "3.0.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "Kubernetes");
    info.put("version", "unversioned");
    ObjectNode paths = doc.putObject("paths");
    Map<String, Map<String, String>> kinds = new HashMap<>();
    Deque<SchemaNode> pending = new ArrayDeque<>();
    for (ResourceDefinition def : defs) {
      SchemaNode kind = schemas.apply(def.modelClass());
      pending.add(kind);
      kinds
          .computeIfAbsent(kind.componentName(), k -> new LinkedHashMap<>())
          .put(def.kind(), def.kind());
      listClass(def.modelClass())
          .ifPresent(
              c -> {
                SchemaNode list = schemas.apply(c);
                pending.add(list);
                kinds
                    .computeIfAbsent(list.componentName(), k -> new LinkedHashMap<>())
                    .put(def.listKind(), def.listKind());
              });
      String listComponent =
          listClass(def.modelClass())
              .map(ComponentNames::of)
              .orElse(ComponentNames.META + "Status");
      addPaths(paths, group, version, def, kind.componentName(), listComponent);
    }
    Map<String, ObjectNode> components = new TreeMap<>();
    components.put(ComponentNames.PATCH, patchSchema());
    // deletes answer a Status; its class lives beside ObjectMeta, which every kind reaches
    Class<?> anyKind = defs.isEmpty() ? null : defs.get(0).modelClass();
    try {
      Class<?> status =
          Class.forName(
              "io.fabric8.kubernetes.api.model.Status",
              false,
              anyKind == null ? getClass().getClassLoader() : anyKind.getClassLoader());
      pending.add(schemas.apply(status));
    } catch (ClassNotFoundException | LinkageError e) {
      ObjectNode status = JSON.objectNode();
      status.put(
          "description", "Status is a return value for calls that don't return other objects.");
      status.put("type", "object");
      status.put("x-kubernetes-preserve-unknown-fields", true);
      components.put(ComponentNames.META + "Status", status);
    }
    while (!pending.isEmpty()) {
      SchemaNode node = pending.poll();
      if (node.componentName() == null || components.containsKey(node.componentName())) {
        continue;
      }
      ObjectNode schema = componentSchema(node, pending);
      Map<String, String> kindNames = kinds.get(node.componentName());
      if (kindNames != null) {
        ArrayNode gvks = schema.putArray("x-kubernetes-group-version-kind");
        for (String kind : kindNames.keySet()) {
          gvks.addObject().put("group", group).put("kind", kind).put("version", version);
        }
      }
      components.put(node.componentName(), schema);
    }
    ObjectNode schemasNode = doc.putObject("components").putObject("schemas");
    components.forEach(schemasNode::set);
    return doc;
  }

  private static java.util.Optional<Class<?>> listClass(Class<?> kind) {
    try {
      return java.util.Optional.of(
          Class.forName(kind.getName() + "List", false, kind.getClassLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      return java.util.Optional.empty();
    }
  }

  private ObjectNode componentSchema(SchemaNode node, Deque<SchemaNode> pending) {
    ObjectNode schema = JSON.objectNode();
    String simple = simpleName(node.componentName());
    schema.put("description", simple + (node.javaClass() != null ? "" : " value"));
    switch (node.type()) {
      case OBJECT -> {
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        node.properties()
            .forEach(
                (name, child) ->
                    properties.set(name, propertySchema(child, node.fieldMeta(name), pending)));
        List<String> required = REQUIRED.get(node.javaClass().getSimpleName());
        if (required != null) {
          ArrayNode array = schema.putArray("required");
          required.stream().filter(node.properties()::containsKey).forEach(array::add);
        }
        if (node.atomic()) {
          schema.put("x-kubernetes-map-type", "atomic");
        }
      }
      case INT_OR_STRING -> {
        // upstream's v3 shape (kube-openapi OpenAPIV3OneOfTypes): no type, one of two
        if (node.format() != null) {
          schema.put("format", node.format());
        }
        ArrayNode oneOf = schema.putArray("oneOf");
        boolean quantity = ComponentNames.QUANTITY.equals(node.componentName());
        oneOf.addObject().put("type", quantity ? "string" : "integer");
        oneOf.addObject().put("type", quantity ? "number" : "string");
        schema.put("x-kubernetes-int-or-string", true);
      }
      case STRING -> {
        schema.put("type", "string");
        if (node.format() != null) {
          schema.put("format", node.format());
        }
      }
      default -> {
        schema.put("type", "object");
        schema.put("x-kubernetes-preserve-unknown-fields", true);
      }
    }
    return schema;
  }

  private ObjectNode propertySchema(SchemaNode node, FieldMeta meta, Deque<SchemaNode> pending) {
    ObjectNode schema = valueSchema(node, pending);
    if (node.type() == SchemaType.ARRAY) {
      if (meta.patchMergeKey() != null) {
        schema.put("x-kubernetes-patch-merge-key", meta.patchMergeKey());
      }
      if (meta.patchStrategyValue() != null) {
        schema.put("x-kubernetes-patch-strategy", meta.patchStrategyValue());
      }
      if (meta.listType() != null) {
        schema.put("x-kubernetes-list-type", meta.listType().value());
      }
      if (!meta.listMapKeys().isEmpty()) {
        ArrayNode keys = schema.putArray("x-kubernetes-list-map-keys");
        meta.listMapKeys().forEach(keys::add);
      }
    } else if (meta.patchStrategyValue() != null) {
      schema.put("x-kubernetes-patch-strategy", meta.patchStrategyValue());
    }
    return schema;
  }

  private ObjectNode valueSchema(SchemaNode node, Deque<SchemaNode> pending) {
    ObjectNode schema = JSON.objectNode();
    if (node.componentName() != null) {
      pending.add(node);
      schema.putArray("allOf").addObject().put("$ref", REF + node.componentName());
      return schema;
    }
    switch (node.type()) {
      case ARRAY -> {
        schema.put("type", "array");
        schema.set("items", valueSchema(node.items(), pending));
      }
      case MAP -> {
        schema.put("type", "object");
        schema.set("additionalProperties", valueSchema(node.values(), pending));
      }
      case ANY -> {
        schema.put("type", "object");
        schema.put("x-kubernetes-preserve-unknown-fields", true);
      }
      default -> {
        schema.put("type", node.type().name().toLowerCase(Locale.ROOT));
        if (node.format() != null) {
          schema.put("format", node.format());
        }
      }
    }
    return schema;
  }

  private static ObjectNode patchSchema() {
    ObjectNode schema = JSON.objectNode();
    schema.put(
        "description",
        "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.");
    schema.put("type", "object");
    return schema;
  }

  // ---- paths

  private static void addPaths(
      ObjectNode paths,
      String group,
      String version,
      ResourceDefinition def,
      String component,
      String listComponent) {
    String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    String opSuffix = camel(group) + camel(version);
    Set<String> verbs = def.verbs();
    String kind = def.kind();
    if (def.namespaced()) {
      String collection = prefix + "/namespaces/{namespace}/" + def.plural();
      ObjectNode coll = JSON.objectNode();
      coll.set("parameters", pathParameters(kind, false, true));
      addCollectionOps(
          coll,
          def,
          verbs,
          opSuffix + "Namespaced" + kind,
          group,
          version,
          component,
          listComponent);
      putIfNotEmpty(paths, collection, coll);
      ObjectNode item = JSON.objectNode();
      item.set("parameters", pathParameters(kind, true, true));
      addItemOps(item, def, verbs, opSuffix + "Namespaced" + kind, group, version, component);
      putIfNotEmpty(paths, collection + "/{name}", item);
      addStatusPath(
          paths,
          collection + "/{name}/status",
          def,
          true,
          opSuffix + "Namespaced" + kind + "Status",
          group,
          version,
          component);
      if (verbs.contains("list")) {
        ObjectNode all = JSON.objectNode();
        all.set("parameters", pathParameters(kind, false, false));
        all.set(
            "get",
            operation(
                "list",
                "list or watch objects of kind " + kind,
                "list" + opSuffix + kind + "ForAllNamespaces",
                group,
                version,
                kind,
                listParameters(),
                null,
                listComponent,
                "200"));
        paths.set(prefix + "/" + def.plural(), all);
      }
    } else {
      String collection = prefix + "/" + def.plural();
      ObjectNode coll = JSON.objectNode();
      coll.set("parameters", pathParameters(kind, false, false));
      addCollectionOps(coll, def, verbs, opSuffix + kind, group, version, component, listComponent);
      putIfNotEmpty(paths, collection, coll);
      ObjectNode item = JSON.objectNode();
      item.set("parameters", pathParameters(kind, true, false));
      addItemOps(item, def, verbs, opSuffix + kind, group, version, component);
      putIfNotEmpty(paths, collection + "/{name}", item);
      addStatusPath(
          paths,
          collection + "/{name}/status",
          def,
          false,
          opSuffix + kind + "Status",
          group,
          version,
          component);
    }
  }

  private static void putIfNotEmpty(ObjectNode paths, String path, ObjectNode item) {
    if (item.size() > 1) {
      paths.set(path, item);
    }
  }

  private static void addCollectionOps(
      ObjectNode path,
      ResourceDefinition def,
      Set<String> verbs,
      String suffix,
      String group,
      String version,
      String component,
      String listComponent) {
    String kind = def.kind();
    if (verbs.contains("list")) {
      path.set(
          "get",
          operation(
              "list",
              "list or watch objects of kind " + kind,
              "list" + suffix,
              group,
              version,
              kind,
              listParameters(),
              null,
              listComponent,
              "200"));
    }
    if (verbs.contains("create")) {
      path.set(
          "post",
          operation(
              "post",
              "create a " + kind,
              "create" + suffix,
              group,
              version,
              kind,
              writeParameters(false),
              bodyContent(component, List.of("*/*")),
              component,
              "200",
              "201",
              "202"));
    }
    if (verbs.contains("deletecollection")) {
      path.set(
          "delete",
          operation(
              "deletecollection",
              "delete collection of " + kind,
              "deletecollection" + suffix,
              group,
              version,
              kind,
              deleteParameters(true),
              null,
              ComponentNames.META + "Status",
              "200"));
    }
  }

  private static void addItemOps(
      ObjectNode path,
      ResourceDefinition def,
      Set<String> verbs,
      String suffix,
      String group,
      String version,
      String component) {
    String kind = def.kind();
    if (verbs.contains("get")) {
      path.set(
          "get",
          operation(
              "get",
              "read the specified " + kind,
              "read" + suffix,
              group,
              version,
              kind,
              JSON.arrayNode(),
              null,
              component,
              "200"));
    }
    if (verbs.contains("update")) {
      path.set(
          "put",
          operation(
              "put",
              "replace the specified " + kind,
              "replace" + suffix,
              group,
              version,
              kind,
              writeParameters(false),
              bodyContent(component, List.of("*/*")),
              component,
              "200",
              "201"));
    }
    if (verbs.contains("delete")) {
      path.set(
          "delete",
          operation(
              "delete",
              "delete a " + kind,
              "delete" + suffix,
              group,
              version,
              kind,
              deleteParameters(false),
              null,
              ComponentNames.META + "Status",
              "200",
              "202"));
    }
    if (verbs.contains("patch")) {
      path.set(
          "patch",
          operation(
              "patch",
              "partially update the specified " + kind,
              "patch" + suffix,
              group,
              version,
              kind,
              writeParameters(true),
              patchContent(),
              component,
              "200",
              "201"));
    }
  }

  private static void addStatusPath(
      ObjectNode paths,
      String path,
      ResourceDefinition def,
      boolean namespaced,
      String suffix,
      String group,
      String version,
      String component) {
    if (!def.subresources().contains("status")) {
      return;
    }
    String kind = def.kind();
    ObjectNode item = JSON.objectNode();
    item.set("parameters", pathParameters(kind, true, namespaced));
    item.set(
        "get",
        operation(
            "get",
            "read status of the specified " + kind,
            "read" + suffix,
            group,
            version,
            kind,
            JSON.arrayNode(),
            null,
            component,
            "200"));
    item.set(
        "put",
        operation(
            "put",
            "replace status of the specified " + kind,
            "replace" + suffix,
            group,
            version,
            kind,
            writeParameters(false),
            bodyContent(component, List.of("*/*")),
            component,
            "200",
            "201"));
    item.set(
        "patch",
        operation(
            "patch",
            "partially update status of the specified " + kind,
            "patch" + suffix,
            group,
            version,
            kind,
            writeParameters(true),
            patchContent(),
            component,
            "200",
            "201"));
    paths.set(path, item);
  }

  private static ObjectNode operation(
      String action,
      String description,
      String operationId,
      String group,
      String version,
      String kind,
      ArrayNode parameters,
      ObjectNode requestContent,
      String responseComponent,
      String... codes) {
    ObjectNode op = JSON.objectNode();
    op.putArray("tags").add(tag(group, version));
    op.put("description", description);
    op.put("operationId", operationId);
    if (!parameters.isEmpty()) {
      op.set("parameters", parameters);
    }
    if (requestContent != null) {
      ObjectNode body = op.putObject("requestBody");
      body.set("content", requestContent);
      body.put("required", true);
    }
    ObjectNode responses = op.putObject("responses");
    for (String code : codes) {
      ObjectNode response = responses.putObject(code);
      response.put(
          "description",
          switch (code) {
            case "201" -> "Created";
            case "202" -> "Accepted";
            default -> "OK";
          });
      ObjectNode content = response.putObject("content");
      for (String type : List.of("application/json", "application/yaml")) {
        content.putObject(type).putObject("schema").put("$ref", REF + responseComponent);
      }
    }
    responses.putObject("401").put("description", "Unauthorized");
    op.put("x-kubernetes-action", action);
    op.putObject("x-kubernetes-group-version-kind")
        .put("group", group)
        .put("kind", kind)
        .put("version", version);
    return op;
  }

  private static ObjectNode bodyContent(String component, List<String> types) {
    ObjectNode content = JSON.objectNode();
    for (String type : types) {
      content.putObject(type).putObject("schema").put("$ref", REF + component);
    }
    return content;
  }

  private static ObjectNode patchContent() {
    ObjectNode content = JSON.objectNode();
    for (String type :
        List.of(
            "application/apply-patch+yaml",
            "application/json-patch+json",
            "application/merge-patch+json",
            "application/strategic-merge-patch+json")) {
      content.putObject(type).putObject("schema").put("$ref", REF + ComponentNames.PATCH);
    }
    return content;
  }

  private static ArrayNode pathParameters(String kind, boolean name, boolean namespaced) {
    ArrayNode params = JSON.arrayNode();
    if (name) {
      params.add(param("name", "path", "name of the " + kind, "string", true));
    }
    if (namespaced) {
      params.add(
          param(
              "namespace",
              "path",
              "object name and auth scope, such as for teams and projects",
              "string",
              true));
    }
    params.add(
        param("pretty", "query", "If 'true', then the output is pretty printed.", "string", false));
    return params;
  }

  private static ArrayNode writeParameters(boolean patch) {
    ArrayNode params = JSON.arrayNode();
    params.add(
        param(
            "dryRun",
            "query",
            "When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed",
            "string",
            false));
    params.add(
        param(
            "fieldManager",
            "query",
            "fieldManager is a name associated with the actor or entity that is making these changes.",
            "string",
            false));
    params.add(
        param(
            "fieldValidation",
            "query",
            "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn (the default) and Strict.",
            "string",
            false));
    if (patch) {
      params.add(
          param(
              "force",
              "query",
              "Force is going to \"force\" Apply requests. It means user will re-acquire conflicting fields owned by other people.",
              "boolean",
              false));
    }
    return params;
  }

  private static ArrayNode listParameters() {
    ArrayNode params = JSON.arrayNode();
    params.add(
        param(
            "allowWatchBookmarks",
            "query",
            "allowWatchBookmarks requests watch events with type \"BOOKMARK\".",
            "boolean",
            false));
    params.add(
        param(
            "continue",
            "query",
            "The continue option should be set when retrieving more results from the server.",
            "string",
            false));
    params.add(
        param(
            "fieldSelector",
            "query",
            "A selector to restrict the list of returned objects by their fields.",
            "string",
            false));
    params.add(
        param(
            "labelSelector",
            "query",
            "A selector to restrict the list of returned objects by their labels.",
            "string",
            false));
    params.add(
        param(
            "limit",
            "query",
            "limit is a maximum number of responses to return for a list call.",
            "integer",
            false));
    params.add(
        param(
            "resourceVersion",
            "query",
            "resourceVersion sets a constraint on what resource versions a request may be served from.",
            "string",
            false));
    params.add(
        param(
            "resourceVersionMatch",
            "query",
            "resourceVersionMatch determines how resourceVersion is applied to list calls.",
            "string",
            false));
    params.add(
        param("timeoutSeconds", "query", "Timeout for the list/watch call.", "integer", false));
    params.add(
        param(
            "watch",
            "query",
            "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.",
            "boolean",
            false));
    return params;
  }

  private static ArrayNode deleteParameters(boolean collection) {
    ArrayNode params = JSON.arrayNode();
    params.add(
        param(
            "dryRun",
            "query",
            "When present, indicates that modifications should not be persisted.",
            "string",
            false));
    params.add(
        param(
            "gracePeriodSeconds",
            "query",
            "The duration in seconds before the object should be deleted.",
            "integer",
            false));
    params.add(
        param(
            "propagationPolicy",
            "query",
            "Whether and how garbage collection will be performed: Orphan, Background or Foreground.",
            "string",
            false));
    if (collection) {
      params.add(
          param(
              "labelSelector",
              "query",
              "A selector to restrict the list of returned objects by their labels.",
              "string",
              false));
      params.add(
          param(
              "fieldSelector",
              "query",
              "A selector to restrict the list of returned objects by their fields.",
              "string",
              false));
    }
    return params;
  }

  private static ObjectNode param(
      String name, String in, String description, String type, boolean required) {
    ObjectNode p = JSON.objectNode();
    p.put("name", name);
    p.put("in", in);
    p.put("description", description);
    if (required) {
      p.put("required", true);
    }
    ObjectNode schema = p.putObject("schema");
    schema.put("type", type);
    schema.put("uniqueItems", true);
    return p;
  }

  private static String tag(String group, String version) {
    String g = group.isEmpty() ? "core" : group.replace(".k8s.io", "").replace('.', '_');
    return g + "_" + version;
  }

  /** {@code rbac.authorization.k8s.io} to {@code RbacAuthorization}, {@code ""} to {@code Core}. */
  static String camel(String group) {
    if (group.isEmpty()) {
      return "Core";
    }
    StringBuilder b = new StringBuilder();
    for (String part : group.replace(".k8s.io", "").split("\\.")) {
      if (!part.isEmpty()) {
        b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return b.toString();
  }

  private static String simpleName(String component) {
    return component.substring(component.lastIndexOf('.') + 1);
  }
}
