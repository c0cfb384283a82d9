package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.ResourceDefinition;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes the deletion of terminating namespaces: deletes every namespaced object in them, and
 * once none is left removes the {@code kubernetes} finalizer, after which the namespace goes. This
 * is the job of upstream's namespace controller; it lives here until Karavel's controller manager
 * takes it over, and it works on the store as the API server itself does, honouring objects'
 * finalizers (such objects are marked and the namespace waits for them).
 */
final class NamespaceFinalizer {

  private static final Logger LOG = LoggerFactory.getLogger(NamespaceFinalizer.class);

  private final ObjectStore store;
  private final Supplier<ResourceRegistry.Snapshot> registry;

  NamespaceFinalizer(ObjectStore store, Supplier<ResourceRegistry.Snapshot> registry) {
    this.store = store;
    this.registry = registry;
  }

  /** One pass over all terminating namespaces. */
  void run() {
    ResourceRegistry.Snapshot snap = registry.get();
    ResourceDefinition nsDef = snap.find("", "v1", "namespaces").orElse(null);
    if (nsDef == null) {
      return;
    }
    try {
      for (ObjectNode ns :
          store.list(nsDef, "", 0, 0, null, o -> Meta.meta(o).has("deletionTimestamp")).items()) {
        finish(snap, nsDef, ns);
      }
    } catch (ApiException e) {
      LOG.debug("namespace finalizer pass failed: {}", e.getMessage());
    }
  }

  private void finish(ResourceRegistry.Snapshot snap, ResourceDefinition nsDef, ObjectNode ns) {
    String name = Meta.name(ns);
    boolean empty = true;
    for (ResourceDefinition def : snap.all()) {
      if (!def.namespaced() || !def.stored()) {
        continue;
      }
      // Several versions of one resource share storage: visit each storage prefix once.
      if (!def.equals(first(snap, def))) {
        continue;
      }
      for (ObjectNode o : store.list(def, name, 0, 0, null, x -> true).items()) {
        empty = false;
        if (Meta.meta(o).has("deletionTimestamp") && !Meta.finalizers(o).isEmpty()) {
          continue;
        }
        long rv = RestHandler.parseRv(Meta.text(Meta.meta(o), "resourceVersion"));
        try {
          if (Meta.finalizers(o).isEmpty()) {
            store.delete(def, name, Meta.name(o), rv);
          } else {
            Meta.meta(o).put("deletionTimestamp", Meta.now());
            Meta.meta(o).put("deletionGracePeriodSeconds", 0);
            store.update(def, name, Meta.name(o), o, rv);
          }
        } catch (ApiException e) {
          // changed or gone meanwhile: the next pass sees it again
        }
      }
    }
    if (!empty) {
      return;
    }
    JsonNode finalizers = ns.path("spec").path("finalizers");
    ArrayNode left = Json.MAPPER.createArrayNode();
    finalizers.forEach(
        f -> {
          if (!f.asText().equals("kubernetes")) {
            left.add(f);
          }
        });
    long rv = RestHandler.parseRv(Meta.text(Meta.meta(ns), "resourceVersion"));
    try {
      if (left.isEmpty() && Meta.finalizers(ns).isEmpty()) {
        store.delete(nsDef, "", name, rv);
      } else if (left.size() != finalizers.size()) {
        ns.with("spec").set("finalizers", left);
        store.update(nsDef, "", name, ns, rv);
      }
    } catch (ApiException e) {
      // retried on the next pass
    }
  }

  private static ResourceDefinition first(ResourceRegistry.Snapshot snap, ResourceDefinition d) {
    for (ResourceDefinition x : snap.all()) {
      if (x.storageResource().equals(d.storageResource()) && x.namespaced()) {
        return x;
      }
    }
    return d;
  }
}
