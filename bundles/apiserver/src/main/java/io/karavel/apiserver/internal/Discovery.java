package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.ResourceDefinition;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Discovery documents derived from the registry: the aggregated {@code apidiscovery.k8s.io/v2}
 * lists for {@code /api} and {@code /apis}, and the legacy {@code APIVersions}, {@code
 * APIGroupList}, {@code APIGroup} and {@code APIResourceList}.
 */
public final class Discovery {
  private Discovery() {}

  /** What a subresource answers with, and which verbs it serves. */
  record SubresourceInfo(String group, String version, String kind, List<String> verbs) {}

  static SubresourceInfo subresource(ResourceDefinition def, String name) {
    return switch (name) {
      case "status", "ephemeralcontainers", "resize" ->
          new SubresourceInfo(
              def.group(), def.version(), def.kind(), List.of("get", "patch", "update"));
      case "scale" ->
          new SubresourceInfo("autoscaling", "v1", "Scale", List.of("get", "patch", "update"));
      case "binding" -> new SubresourceInfo("", "v1", "Binding", List.of("create"));
      case "eviction" -> new SubresourceInfo("policy", "v1", "Eviction", List.of("create"));
      case "log" -> new SubresourceInfo("", "v1", "Pod", List.of("get"));
      case "exec", "attach" ->
          new SubresourceInfo(
              "", "v1", "Pod" + capital(name) + "Options", List.of("create", "get"));
      case "portforward" ->
          new SubresourceInfo("", "v1", "PodPortForwardOptions", List.of("create", "get"));
      case "proxy" ->
          new SubresourceInfo(
              "",
              "v1",
              def.kind() + "ProxyOptions",
              List.of("create", "delete", "get", "head", "patch", "put", "options"));
      case "finalize" ->
          new SubresourceInfo(def.group(), def.version(), def.kind(), List.of("update"));
      case "token" ->
          new SubresourceInfo("authentication.k8s.io", "v1", "TokenRequest", List.of("create"));
      default -> new SubresourceInfo(def.group(), def.version(), def.kind(), List.of("get"));
    };
  }

  private static String capital(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** The aggregated discovery list for {@code /api} (core) or {@code /apis} (named groups). */
  static ObjectNode aggregated(ResourceRegistry.Snapshot snap, boolean core, String docVersion) {
    ObjectNode list = Json.MAPPER.createObjectNode();
    list.put("kind", "APIGroupDiscoveryList");
    list.put("apiVersion", "apidiscovery.k8s.io/" + docVersion);
    list.putObject("metadata");
    ArrayNode items = list.putArray("items");
    for (Map.Entry<String, Map<String, List<ResourceDefinition>>> g :
        snap.byGroupAndVersion().entrySet()) {
      if (g.getKey().isEmpty() != core) {
        continue;
      }
      ObjectNode group = items.addObject();
      ObjectNode meta = group.putObject("metadata");
      if (!core) {
        meta.put("name", g.getKey());
      } else {
        meta.putNull("creationTimestamp");
      }
      ArrayNode versions = group.putArray("versions");
      for (Map.Entry<String, List<ResourceDefinition>> v : g.getValue().entrySet()) {
        ObjectNode version = versions.addObject();
        version.put("version", v.getKey());
        ArrayNode resources = version.putArray("resources");
        for (ResourceDefinition d : v.getValue()) {
          ObjectNode r = resources.addObject();
          r.put("resource", d.plural());
          kind(r.putObject("responseKind"), d.group(), d.version(), d.kind());
          r.put("scope", d.namespaced() ? "Namespaced" : "Cluster");
          r.put("singularResource", d.singular());
          strings(r.putArray("verbs"), new TreeSet<>(d.verbs()));
          if (!d.shortNames().isEmpty()) {
            strings(r.putArray("shortNames"), d.shortNames());
          }
          if (!d.categories().isEmpty()) {
            strings(r.putArray("categories"), d.categories());
          }
          if (!d.subresources().isEmpty()) {
            ArrayNode subs = r.putArray("subresources");
            for (String s : new TreeSet<>(d.subresources())) {
              SubresourceInfo info = subresource(d, s);
              ObjectNode sub = subs.addObject();
              sub.put("subresource", s);
              kind(sub.putObject("responseKind"), info.group(), info.version(), info.kind());
              strings(sub.putArray("verbs"), info.verbs());
            }
          }
        }
        version.put("freshness", "Current");
      }
    }
    return list;
  }

  private static void kind(ObjectNode n, String group, String version, String kind) {
    n.put("group", group);
    n.put("version", version);
    n.put("kind", kind);
  }

  private static void strings(ArrayNode a, Iterable<String> values) {
    for (String v : values) {
      a.add(v);
    }
  }

  /** {@code /api}: the core group's versions. */
  static ObjectNode apiVersions(String serverAddress) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("kind", "APIVersions");
    n.putArray("versions").add("v1");
    ObjectNode cidr = n.putArray("serverAddressByClientCIDRs").addObject();
    cidr.put("clientCIDR", "0.0.0.0/0");
    cidr.put("serverAddress", serverAddress);
    return n;
  }

  /** {@code /apis}: the named groups. */
  static ObjectNode groupList(ResourceRegistry.Snapshot snap) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("kind", "APIGroupList");
    n.put("apiVersion", "v1");
    ArrayNode groups = n.putArray("groups");
    for (Map.Entry<String, Map<String, List<ResourceDefinition>>> g :
        snap.byGroupAndVersion().entrySet()) {
      if (!g.getKey().isEmpty()) {
        groups.add(group(g.getKey(), g.getValue().keySet()));
      }
    }
    return n;
  }

  /** {@code /apis/<group>}. */
  static ObjectNode group(String name, Iterable<String> versionNames) {
    ObjectNode group = Json.MAPPER.createObjectNode();
    group.put("kind", "APIGroup");
    group.put("apiVersion", "v1");
    group.put("name", name);
    ArrayNode versions = group.putArray("versions");
    String preferred = null;
    for (String v : versionNames) {
      ObjectNode gv = versions.addObject();
      gv.put("groupVersion", name + "/" + v);
      gv.put("version", v);
      if (preferred == null) {
        preferred = v;
      }
    }
    ObjectNode pref = group.putObject("preferredVersion");
    pref.put("groupVersion", name + "/" + preferred);
    pref.put("version", preferred);
    return group;
  }

  /** {@code /api/v1} or {@code /apis/<group>/<version>}. */
  static ObjectNode resourceList(List<ResourceDefinition> defs, String groupVersion) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("kind", "APIResourceList");
    n.put("apiVersion", "v1");
    n.put("groupVersion", groupVersion);
    ArrayNode resources = n.putArray("resources");
    for (ResourceDefinition d : defs) {
      ObjectNode r = resources.addObject();
      r.put("name", d.plural());
      r.put("singularName", d.singular());
      r.put("namespaced", d.namespaced());
      r.put("kind", d.kind());
      strings(r.putArray("verbs"), new TreeSet<>(d.verbs()));
      if (!d.shortNames().isEmpty()) {
        strings(r.putArray("shortNames"), d.shortNames());
      }
      if (!d.categories().isEmpty()) {
        strings(r.putArray("categories"), d.categories());
      }
      for (String s : new TreeSet<>(d.subresources())) {
        SubresourceInfo info = subresource(d, s);
        ObjectNode sub = resources.addObject();
        sub.put("name", d.plural() + "/" + s);
        sub.put("singularName", "");
        sub.put("namespaced", d.namespaced());
        if (!info.group().equals(d.group()) || !info.version().equals(d.version())) {
          sub.put("group", info.group());
          sub.put("version", info.version());
        }
        sub.put("kind", info.kind());
        strings(sub.putArray("verbs"), info.verbs());
      }
    }
    return n;
  }
}
