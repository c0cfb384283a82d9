package io.karavel.patch;

/**
 * One field a server-side apply would take from another manager.
 *
 * @param manager the other manager's name, e.g. {@code kubectl-client-side-apply}
 * @param operation {@code Apply} or {@code Update}
 * @param apiVersion the API version the other manager used, e.g. {@code apps/v1}
 * @param subresource the subresource the other manager wrote through, or empty
 * @param field the field path in structured-merge-diff's notation, e.g. {@code .spec.replicas} or
 *     {@code .spec.template.spec.containers[name="web"].image}
 */
public record ApplyConflict(
    String manager, String operation, String apiVersion, String subresource, String field) {

  /**
   * The manager as upstream prints it: {@code "kubectl" using apps/v1} for an updater, {@code
   * "kubectl"} for an applier, with {@code with subresource "status"} when there is one.
   */
  public String managerDescription() {
    String text = quote(manager);
    if (subresource != null && !subresource.isEmpty()) {
      text += " with subresource " + quote(subresource);
    }
    return "Update".equals(operation) ? text + " using " + apiVersion : text;
  }

  /** The {@code details.causes[].message}: {@code conflict with "kubectl" using apps/v1}. */
  public String causeMessage() {
    return "conflict with " + managerDescription();
  }

  static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
