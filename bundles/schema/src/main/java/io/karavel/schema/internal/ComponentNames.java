package io.karavel.schema.internal;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps a model class to the name of its upstream OpenAPI component, which is the Go package path of
 * the upstream type in reverse-domain form, e.g. {@code io.k8s.api.apps.v1.Deployment}.
 */
final class ComponentNames {

  static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  static final String TIME = META + "Time";
  static final String MICRO_TIME = META + "MicroTime";
  static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
  static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
  static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";
  static final String PATCH = META + "Patch";

  private static final String FABRIC8 = "io.fabric8.kubernetes.api.model";
  private static final Pattern VERSION = Pattern.compile("v\\d+((alpha|beta)\\d+)?");

  /** Types of the fabric8 core package that upstream keeps in apimachinery's meta/v1. */
  private static final Set<String> META_TYPES =
      Set.of(
          "APIGroup",
          "APIGroupList",
          "APIResource",
          "APIResourceList",
          "APIVersions",
          "Condition",
          "CreateOptions",
          "DeleteOptions",
          "FieldSelectorRequirement",
          "FieldsV1",
          "GetOptions",
          "GroupVersionForDiscovery",
          "LabelSelector",
          "LabelSelectorRequirement",
          "ListMeta",
          "ListOptions",
          "ManagedFieldsEntry",
          "MicroTime",
          "ObjectMeta",
          "OwnerReference",
          "PartialObjectMetadata",
          "PartialObjectMetadataList",
          "Patch",
          "PatchOptions",
          "Preconditions",
          "RootPaths",
          "ServerAddressByClientCIDR",
          "Status",
          "StatusCause",
          "StatusDetails",
          "Time",
          "TypeMeta",
          "UpdateOptions",
          "WatchEvent");

  private ComponentNames() {}

  static String of(Class<?> type) {
    String pkg = type.getPackageName();
    String simple = type.getSimpleName();
    if (pkg.equals(FABRIC8)) {
      return switch (simple) {
        case "Quantity" -> QUANTITY;
        case "IntOrString" -> INT_OR_STRING;
        default -> (META_TYPES.contains(simple) ? META : "io.k8s.api.core.v1.") + simple;
      };
    }
    if (pkg.equals(FABRIC8 + ".runtime")) {
      return "io.k8s.apimachinery.pkg.runtime." + simple;
    }
    if (pkg.equals(FABRIC8 + ".version")) {
      return "io.k8s.apimachinery.pkg.version." + simple;
    }
    if (pkg.startsWith(FABRIC8 + ".apiextensions.")) {
      return "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions."
          + pkg.substring(pkg.lastIndexOf('.') + 1)
          + "."
          + simple;
    }
    if (pkg.startsWith(FABRIC8 + ".")) {
      String rest = pkg.substring(FABRIC8.length() + 1);
      int dot = rest.lastIndexOf('.');
      String last = dot < 0 ? rest : rest.substring(dot + 1);
      // fabric8 leaves the version out of the package of apps/v1 and rbac/v1
      String groupVersion = VERSION.matcher(last).matches() ? rest : rest + ".v1";
      return "io.k8s.api." + groupVersion + "." + simple;
    }
    return type.getName();
  }
}
