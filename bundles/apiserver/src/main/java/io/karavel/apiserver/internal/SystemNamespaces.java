package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.ResourceDefinition;
import java.util.List;
import java.util.function.Supplier;

/**
 * Creates the namespaces every cluster has ({@code default}, {@code kube-system}, {@code
 * kube-public}, {@code kube-node-lease}), as upstream's API server does at start. Runs until it
 * succeeds, since the store and the core API group may arrive after the server.
 */
final class SystemNamespaces {

  static final List<String> NAMES =
      List.of("default", "kube-system", "kube-public", "kube-node-lease");

  private final ObjectStore store;
  private final Supplier<ResourceRegistry.Snapshot> registry;

  SystemNamespaces(ObjectStore store, Supplier<ResourceRegistry.Snapshot> registry) {
    this.store = store;
    this.registry = registry;
  }

  /** Ensures the namespaces exist; returns true when they all do. */
  boolean ensure() {
    ResourceDefinition def = registry.get().find("", "v1", "namespaces").orElse(null);
    if (def == null) {
      return false;
    }
    try {
      for (String name : NAMES) {
        if (store.get(def, "", name).isEmpty()) {
          ObjectNode ns = Json.MAPPER.createObjectNode();
          ns.put("apiVersion", "v1");
          ns.put("kind", "Namespace");
          ObjectNode meta = ns.putObject("metadata");
          meta.put("name", name);
          meta.put("uid", Meta.newUid());
          meta.put("creationTimestamp", Meta.now());
          meta.putObject("labels").put("kubernetes.io/metadata.name", name);
          def.strategy().prepareForCreate(ns);
          def.strategy().applyDefaults(ns);
          try {
            store.create(def, "", name, ns);
          } catch (ApiException e) {
            if (e.code() != 409) {
              throw e;
            }
          }
        }
      }
      return true;
    } catch (ApiException e) {
      return false;
    }
  }
}
