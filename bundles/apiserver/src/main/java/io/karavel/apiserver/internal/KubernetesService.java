package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.ResourceDefinition;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code default/kubernetes} Service (the first address of the service range, port 443) and its
 * Endpoints (this API server's address and port), as upstream's API server keeps them. Runs until
 * it succeeds, after the system namespaces exist; later starts correct the Endpoints when the port
 * or address changed.
 */
final class KubernetesService {

  private final ObjectStore store;
  private final Supplier<ResourceRegistry.Snapshot> registry;
  private final ServiceAllocator allocator;
  private final String firstIp;
  private final String advertiseAddress;
  private final Supplier<Integer> port;

  KubernetesService(
      ObjectStore store,
      Supplier<ResourceRegistry.Snapshot> registry,
      ServiceAllocator allocator,
      String firstIp,
      String advertiseAddress,
      Supplier<Integer> port) {
    this.store = store;
    this.registry = registry;
    this.allocator = allocator;
    this.firstIp = firstIp;
    this.advertiseAddress = advertiseAddress;
    this.port = port;
  }

  /** Ensures the service and its endpoints; returns true once both are right. */
  boolean ensure() {
    Optional<ResourceDefinition> services = registry.get().find("", "v1", "services");
    Optional<ResourceDefinition> endpoints = registry.get().find("", "v1", "endpoints");
    if (services.isEmpty() || endpoints.isEmpty()) {
      return false;
    }
    try {
      ensureService(services.get());
      ensureEndpoints(endpoints.get());
      return true;
    } catch (ApiException e) {
      return false;
    }
  }

  private void ensureService(ResourceDefinition def) {
    if (store.get(def, "default", "kubernetes").isPresent()) {
      return;
    }
    ObjectNode svc = object("Service");
    ObjectNode spec = svc.putObject("spec");
    spec.put("type", "ClusterIP");
    spec.put("clusterIP", firstIp);
    spec.putArray("clusterIPs").add(firstIp);
    ObjectNode p = spec.putArray("ports").addObject();
    p.put("name", "https");
    p.put("protocol", "TCP");
    p.put("port", 443);
    p.put("targetPort", port.get());
    def.strategy().prepareForCreate(svc);
    def.strategy().applyDefaults(svc);
    ServiceAllocator.Allocation a = allocator.allocate(svc, null, false);
    try {
      store.create(def, "default", "kubernetes", svc);
      a.commit();
    } catch (ApiException e) {
      a.rollback();
      if (e.code() != 409) {
        throw e;
      }
    }
  }

  private void ensureEndpoints(ResourceDefinition def) {
    ObjectNode want = object("Endpoints");
    ObjectNode subset = want.putArray("subsets").addObject();
    subset.putArray("addresses").addObject().put("ip", advertiseAddress);
    ObjectNode p = subset.putArray("ports").addObject();
    p.put("name", "https");
    p.put("port", port.get());
    p.put("protocol", "TCP");
    Optional<ObjectNode> have = store.get(def, "default", "kubernetes");
    if (have.isEmpty()) {
      def.strategy().prepareForCreate(want);
      def.strategy().applyDefaults(want);
      try {
        store.create(def, "default", "kubernetes", want);
      } catch (ApiException e) {
        if (e.code() != 409) {
          throw e;
        }
      }
    } else if (!have.get().path("subsets").equals(want.path("subsets"))) {
      ObjectNode updated = have.get().deepCopy();
      updated.set("subsets", want.get("subsets"));
      store.update(
          def,
          "default",
          "kubernetes",
          updated,
          RestHandler.parseRv(Meta.text(Meta.meta(have.get()), "resourceVersion")));
    }
  }

  private static ObjectNode object(String kind) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("apiVersion", "v1");
    o.put("kind", kind);
    ObjectNode meta = o.putObject("metadata");
    meta.put("name", "kubernetes");
    meta.put("namespace", "default");
    meta.put("uid", Meta.newUid());
    meta.put("creationTimestamp", Meta.now());
    ObjectNode labels = meta.putObject("labels");
    if (kind.equals("Service")) {
      labels.put("component", "apiserver");
      labels.put("provider", "kubernetes");
    } else {
      labels.put("endpointslice.kubernetes.io/skip-mirror", "true");
    }
    return o;
  }

  /**
   * The address other machines reach this API server at: the configured one, else the bind address
   * when it is a specific one, else the first non-loopback IPv4 address of this host, else
   * loopback.
   */
  static String advertiseAddress(String configured, String bindAddress) {
    if (!configured.isBlank()) {
      return configured.trim();
    }
    if (!bindAddress.isBlank() && !bindAddress.equals("0.0.0.0")) {
      return bindAddress.trim();
    }
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (a instanceof Inet4Address && !a.isLinkLocalAddress()) {
            return a.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      // fall through to loopback
    }
    return "127.0.0.1";
  }
}
