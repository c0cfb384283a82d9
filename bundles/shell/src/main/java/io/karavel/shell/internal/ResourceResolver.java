package io.karavel.shell.internal;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Resolves the resource type names a user types to resource types, as kubectl's REST mapper with
 * its short-name expander does: plural, singular, short name or kind, each optionally qualified as
 * {@code name.group} or {@code name.version.group}. When several groups serve the name, the first
 * in discovery order wins (the core group first), so {@code events} is core/v1 events.
 */
final class ResourceResolver {
  private final List<ApiResource> resources;

  ResourceResolver(List<ApiResource> resources) {
    this.resources = List.copyOf(resources);
  }

  /**
   * Builds the resolver from legacy discovery: the core group's {@code /api/v1} and each group's
   * preferred version, in the order the server lists the groups.
   */
  static ResourceResolver fromDiscovery(
      APIResourceList core, APIGroupList groups, Function<String, APIResourceList> resourcesOf) {
    List<ApiResource> all = new ArrayList<>();
    if (core != null) {
      add(all, "", "v1", core);
    }
    if (groups != null && groups.getGroups() != null) {
      for (APIGroup group : groups.getGroups()) {
        String groupVersion =
            group.getPreferredVersion() != null
                ? group.getPreferredVersion().getGroupVersion()
                : group.getVersions().get(0).getGroupVersion();
        APIResourceList list = resourcesOf.apply(groupVersion);
        if (list != null) {
          add(all, group.getName(), groupVersion.substring(groupVersion.indexOf('/') + 1), list);
        }
      }
    }
    return new ResourceResolver(all);
  }

  private static void add(
      List<ApiResource> all, String group, String version, APIResourceList list) {
    if (list.getResources() == null) {
      return;
    }
    for (APIResource r : list.getResources()) {
      if (r.getName().contains("/")) {
        continue; // a subresource such as pods/log
      }
      all.add(
          new ApiResource(
              r.getName(),
              r.getSingularName(),
              nonNull(r.getShortNames()),
              r.getKind(),
              r.getGroup() != null && !r.getGroup().isEmpty() ? r.getGroup() : group,
              r.getVersion() != null && !r.getVersion().isEmpty() ? r.getVersion() : version,
              Boolean.TRUE.equals(r.getNamespaced()),
              nonNull(r.getVerbs()),
              nonNull(r.getCategories())));
    }
  }

  private static List<String> nonNull(List<String> values) {
    return values == null ? List.of() : values;
  }

  /** Every resource type, in discovery order. */
  List<ApiResource> all() {
    return resources;
  }

  /**
   * The resource type {@code arg} names.
   *
   * @throws UnknownResourceTypeException if none matches
   */
  ApiResource resolve(String arg) {
    return find(arg).orElseThrow(() -> new UnknownResourceTypeException(arg));
  }

  /**
   * The resource types {@code arg} names: one type, or every type of a category such as {@code all}
   * when no type has that name.
   */
  List<ApiResource> resolveWithCategories(String arg) {
    Optional<ApiResource> single = find(arg);
    if (single.isPresent()) {
      return List.of(single.get());
    }
    String category = arg.toLowerCase(Locale.ROOT);
    List<ApiResource> members =
        resources.stream().filter(r -> r.categories().contains(category)).toList();
    if (members.isEmpty()) {
      throw new UnknownResourceTypeException(arg);
    }
    return members;
  }

  /** The type serving {@code kind} in {@code apiVersion}, for objects read from manifests. */
  Optional<ApiResource> forKind(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    Optional<ApiResource> exact =
        resources.stream()
            .filter(
                r ->
                    r.group().equals(group) && r.version().equals(version) && r.kind().equals(kind))
            .findFirst();
    if (exact.isPresent()) {
      return exact;
    }
    // The manifest's version is not the preferred one: same group and kind, the served version.
    return resources.stream()
        .filter(r -> r.group().equals(group) && r.kind().equals(kind))
        .findFirst()
        .map(
            r ->
                new ApiResource(
                    r.name(),
                    r.singularName(),
                    r.shortNames(),
                    r.kind(),
                    r.group(),
                    version,
                    r.namespaced(),
                    r.verbs(),
                    r.categories()));
  }

  private Optional<ApiResource> find(String arg) {
    String lower = arg.toLowerCase(Locale.ROOT);
    // name.version.group: the second part is a version only if some type of that group has it.
    String[] parts = lower.split("\\.", 3);
    if (parts.length == 3) {
      String version = parts[1];
      String group = parts[2];
      Optional<ApiResource> match =
          first(
              r ->
                  r.version().equals(version)
                      && groupMatches(r, group, true)
                      && named(r, parts[0]));
      if (match.isPresent()) {
        return match;
      }
    }
    int dot = lower.indexOf('.');
    if (dot > 0) {
      String name = lower.substring(0, dot);
      String group = lower.substring(dot + 1);
      // An exact group before a group that merely starts with what was typed.
      for (boolean exact : new boolean[] {true, false}) {
        Optional<ApiResource> match =
            first(r -> groupMatches(r, group, exact) && named(r, name))
                .or(
                    () ->
                        first(r -> groupMatches(r, group, exact) && r.shortNames().contains(name)));
        if (match.isPresent()) {
          return match;
        }
      }
    }
    // kubectl expands short names before it matches resource names.
    Optional<ApiResource> shortName = first(r -> r.shortNames().contains(lower));
    if (shortName.isPresent()) {
      return shortName;
    }
    return first(r -> named(r, lower));
  }

  private static boolean named(ApiResource r, String lower) {
    return r.name().equals(lower)
        || r.singularName().equals(lower)
        || r.kind().toLowerCase(Locale.ROOT).equals(lower);
  }

  private static boolean groupMatches(ApiResource r, String group, boolean exact) {
    return exact ? r.group().equals(group) : r.group().startsWith(group + ".");
  }

  private Optional<ApiResource> first(Predicate<ApiResource> predicate) {
    return resources.stream().filter(predicate).findFirst();
  }
}
