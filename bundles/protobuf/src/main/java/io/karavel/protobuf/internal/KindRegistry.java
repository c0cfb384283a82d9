package io.karavel.protobuf.internal;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the protobuf message of an apiVersion and kind among the generated classes of {@code
 * io.kubernetes:client-java-proto}. Each group version lives in one outer class named after it
 * ({@code apps/v1} in {@code V1Apps}, core {@code v1} in {@code V1}, {@code
 * rbac.authorization.k8s.io/v1} in {@code V1Rbac}); the class is loaded on first use and accepted
 * only when its {@code go_package} names that group and version. Its messages are then indexed by
 * simple name.
 */
final class KindRegistry {

  private static final String PACKAGE = "io.kubernetes.client.proto.";
  private static final String META_GROUP = "meta.k8s.io";

  /** Groups whose name is not {@code SHORT.k8s.io}. */
  private static final Map<String, String> GROUP_BY_SHORT_NAME =
      Map.of(
          "core", "",
          "apps", "apps",
          "batch", "batch",
          "autoscaling", "autoscaling",
          "policy", "policy",
          "extensions", "extensions",
          "rbac", "rbac.authorization.k8s.io",
          "flowcontrol", "flowcontrol.apiserver.k8s.io");

  /**
   * Kinds every group version registers (metav1.AddToGroupVersion), so typed clients send them
   * under the resource's own apiVersion; their messages are those of meta.k8s.io/v1.
   */
  private static final Set<String> SHARED_KINDS =
      Set.of(
          "WatchEvent",
          "ListOptions",
          "GetOptions",
          "DeleteOptions",
          "CreateOptions",
          "UpdateOptions",
          "PatchOptions",
          "Status");

  private final ClassLoader loader;
  private final ConcurrentHashMap<String, Optional<Map<String, Descriptor>>> byApiVersion =
      new ConcurrentHashMap<>();

  KindRegistry(ClassLoader loader) {
    this.loader = loader;
  }

  /** The message of a kind, or empty. */
  Optional<Descriptor> find(String apiVersion, String kind) {
    if (apiVersion == null || kind == null) {
      return Optional.empty();
    }
    Descriptor d = kinds(apiVersion).map(m -> m.get(kind)).orElse(null);
    if (d == null && SHARED_KINDS.contains(kind)) {
      d = kinds(META_GROUP + "/v1").map(m -> m.get(kind)).orElse(null);
    }
    return Optional.ofNullable(d);
  }

  /** The kinds of one group version (every message of its file), or empty when none is known. */
  Optional<Map<String, Descriptor>> kinds(String apiVersion) {
    Optional<Map<String, Descriptor>> known = byApiVersion.get(apiVersion);
    if (known != null) {
      return known;
    }
    Optional<Map<String, Descriptor>> loaded = load(apiVersion);
    // Only group versions that exist are kept: clients choose the apiVersion.
    loaded.ifPresent(k -> byApiVersion.putIfAbsent(apiVersion, loaded));
    return loaded;
  }

  private Optional<Map<String, Descriptor>> load(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    if (version.isEmpty() || !version.matches("v[0-9]+(?:(?:alpha|beta)[0-9]+)?")) {
      return Optional.empty();
    }
    String shortName = group.isEmpty() ? "core" : group.substring(0, indexOrEnd(group, '.'));
    if (!shortName.matches("[a-z][a-z0-9]*") || !group.equals(fullGroup(shortName))) {
      return Optional.empty();
    }
    String outer =
        group.equals(META_GROUP)
            ? "Meta"
            : capitalize(version) + (shortName.equals("core") ? "" : capitalize(shortName));
    FileDescriptor file = file(outer);
    if (file == null
        || !file.getOptions().getGoPackage().endsWith("/" + shortName + "/" + version)) {
      return Optional.empty();
    }
    Map<String, Descriptor> kinds = new HashMap<>();
    for (Descriptor d : file.getMessageTypes()) {
      kinds.put(d.getName(), d);
    }
    return Optional.of(Map.copyOf(kinds));
  }

  private FileDescriptor file(String outerClass) {
    try {
      Class<?> c = Class.forName(PACKAGE + outerClass, true, loader);
      return (FileDescriptor) c.getMethod("getDescriptor").invoke(null);
    } catch (ClassNotFoundException e) {
      return null;
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("cannot read the descriptor of " + outerClass, e);
    }
  }

  static String fullGroup(String shortName) {
    String g = GROUP_BY_SHORT_NAME.get(shortName);
    return g != null ? g : shortName + ".k8s.io";
  }

  private static int indexOrEnd(String s, char c) {
    int i = s.indexOf(c);
    return i < 0 ? s.length() : i;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
