package io.karavel.apiserver.internal;

/**
 * What a request path and method mean, as upstream's {@code request.RequestInfo}.
 *
 * @param resourceRequest whether the path names an API resource
 * @param path the raw path
 * @param verb {@code get}, {@code list}, {@code watch}, {@code create}, {@code update}, {@code
 *     patch}, {@code delete}, {@code deletecollection}; for non-resource requests the lower-case
 *     method
 * @param apiPrefix {@code api} or {@code apis}
 * @param group API group ({@code ""} for core)
 * @param version API version
 * @param namespace namespace, or empty
 * @param resource resource plural, or empty
 * @param subresource subresource, or empty
 * @param name object name, or empty
 */
public record RequestInfo(
    boolean resourceRequest,
    String path,
    String verb,
    String apiPrefix,
    String group,
    String version,
    String namespace,
    String resource,
    String subresource,
    String name) {

  private static final java.util.Set<String> NAMESPACE_SUBRESOURCES =
      java.util.Set.of("status", "finalize");

  /**
   * Parses a path the way upstream's {@code RequestInfoFactory} does: {@code
   * /api/v1[/watch][/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]} and the same under
   * {@code /apis/{group}/{version}}. The namespace object itself ({@code /api/v1/namespaces/{ns}})
   * has resource {@code namespaces}, name and namespace {@code ns}.
   */
  public static RequestInfo parse(String method, String path, boolean watchParam) {
    String lowerMethod = method.toLowerCase(java.util.Locale.ROOT);
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    RequestInfo nonResource = new RequestInfo(false, path, lowerMethod, "", "", "", "", "", "", "");
    int minParts = parts.length > 0 && parts[0].equals("apis") ? 4 : 3;
    if (parts.length < minParts || !(parts[0].equals("api") || parts[0].equals("apis"))) {
      return nonResource;
    }
    int i = 1;
    String group = parts[0].equals("apis") ? parts[i++] : "";
    String version = parts[i++];
    boolean watchPath = false;
    if (parts[i].equals("watch")) {
      watchPath = true;
      i++;
    }
    String[] rest = java.util.Arrays.copyOfRange(parts, i, parts.length);
    String namespace = "";
    if (rest.length > 0 && rest[0].equals("namespaces") && rest.length > 1) {
      namespace = rest[1];
      if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.contains(rest[2])) {
        rest = java.util.Arrays.copyOfRange(rest, 2, rest.length);
      }
    }
    if (rest.length < 1 || rest.length > 3) {
      return nonResource;
    }
    String resource = rest[0];
    String name = rest.length >= 2 ? rest[1] : "";
    String subresource = rest.length >= 3 ? rest[2] : "";
    String verb =
        switch (lowerMethod) {
          case "get", "head" -> name.isEmpty() ? "list" : "get";
          case "post" -> "create";
          case "put" -> "update";
          case "patch" -> "patch";
          case "delete" -> name.isEmpty() ? "deletecollection" : "delete";
          default -> lowerMethod;
        };
    if ((watchParam || watchPath) && (verb.equals("list") || verb.equals("get"))) {
      verb = "watch";
    }
    return new RequestInfo(
        true, path, verb, parts[0], group, version, namespace, resource, subresource, name);
  }

  public boolean isWatch() {
    return verb.equals("watch");
  }
}
