package io.karavel.shell.internal;

import io.karavel.client.ResourceType;
import java.util.List;
import java.util.Locale;

/**
 * One resource type as discovery lists it (subresources excluded), with the names kubectl accepts
 * for it.
 */
record ApiResource(
    String name,
    String singularName,
    List<String> shortNames,
    String kind,
    String group,
    String version,
    boolean namespaced,
    List<String> verbs,
    List<String> categories) {

  ApiResource {
    shortNames = List.copyOf(shortNames);
    verbs = List.copyOf(verbs);
    categories = List.copyOf(categories);
    if (singularName == null || singularName.isEmpty()) {
      // Older servers leave singularName empty; kubectl then uses the lower-cased kind.
      singularName = kind.toLowerCase(Locale.ROOT);
    }
  }

  /** {@code v1} or {@code group/version}. */
  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** kubectl's {@code kind.group} for messages and {@code -o name}: {@code deployment.apps}. */
  String kindName() {
    String lower = kind.toLowerCase(Locale.ROOT);
    return group.isEmpty() ? lower : lower + "." + group;
  }

  /** {@code plural.group} for messages such as {@code deployments.apps "x" not found}. */
  String qualifiedName() {
    return group.isEmpty() ? name : name + "." + group;
  }

  boolean supports(String verb) {
    return verbs.contains(verb);
  }

  ResourceType type() {
    return new ResourceType(group, version, name, kind, namespaced);
  }

  /** Path of the collection; {@code namespace} null lists across namespaces. */
  String collectionPath(String namespace) {
    return type().collectionPath(namespace);
  }

  /** Path of one object. */
  String objectPath(String namespace, String objectName) {
    return collectionPath(namespaced ? namespace : null) + "/" + PathSegments.encode(objectName);
  }
}
