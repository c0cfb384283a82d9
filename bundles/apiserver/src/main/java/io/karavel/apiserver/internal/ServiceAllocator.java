package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.store.spi.KeyExistsException;
import io.karavel.store.spi.KeyNotFoundException;
import io.karavel.store.spi.KeyValue;
import io.karavel.store.spi.KeyValueStore;
import io.karavel.store.spi.RangeRequest;
import io.karavel.store.spi.RevisionMismatchException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Cluster IPs and node ports of Services. Each address or port in use is a claim key in the store
 * ({@code /registry/ranges/serviceips/<ip>}, {@code /registry/ranges/servicenodeports/<port>}),
 * created if absent, so two API servers on one store can never hand out the same one: this is the
 * shape of upstream's IPAddress objects rather than its older single bitmap key. A claim names its
 * service; a claim whose service is gone or no longer uses it (a crash between claim and write, a
 * delete the server did not see) is taken over once it is older than {@link #RECLAIM_AFTER_MILLIS}.
 */
final class ServiceAllocator {

  static final String IP_PREFIX = "/registry/ranges/serviceips/";
  static final String PORT_PREFIX = "/registry/ranges/servicenodeports/";

  /** A claim younger than this is never taken over: its service may be on its way to the store. */
  static final long RECLAIM_AFTER_MILLIS = 30_000;

  private static final int RANDOM_TRIES = 32;

  private final Supplier<KeyValueStore> store;
  private final Supplier<Ranges> ranges;
  private final OwnerLookup owners;

  /** The configured ranges: a CIDR of cluster IPs and an inclusive node port range. */
  record Ranges(Ipv4Cidr serviceIps, int nodePortMin, int nodePortMax) {

    static Ranges parse(String cidr, String ports) {
      Ipv4Cidr c = Ipv4Cidr.parse(cidr);
      String[] p = ports.trim().split("-", 2);
      try {
        int min = Integer.parseInt(p[0].trim());
        int max = p.length == 2 ? Integer.parseInt(p[1].trim()) : min;
        if (min < 1 || max > 65535 || min > max) {
          throw new IllegalArgumentException("invalid node port range " + ports);
        }
        return new Ranges(c, min, max);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid node port range " + ports, e);
      }
    }

    /** The first address of the range: the {@code kubernetes} service's. */
    String firstIp() {
      return serviceIps.address(1);
    }
  }

  /** Finds the current service of a claim, to tell a live claim from a leaked one. */
  interface OwnerLookup {
    Optional<ObjectNode> service(String namespace, String name);
  }

  ServiceAllocator(Supplier<KeyValueStore> store, Supplier<Ranges> ranges, OwnerLookup owners) {
    this.store = store;
    this.ranges = ranges;
    this.owners = owners;
  }

  static boolean isService(ResourceDefinition def) {
    return def.group().isEmpty() && def.plural().equals("services");
  }

  /** What an allocation claimed, and what it will give up once the service is written. */
  final class Allocation {
    private final Owner owner;
    private final List<String> claimed = new ArrayList<>();
    private final List<String> releaseAfterWrite = new ArrayList<>();

    private Allocation(Owner owner) {
      this.owner = owner;
    }

    /** The service was written: drop the claims it no longer uses. */
    void commit() {
      releaseAfterWrite.forEach(k -> releaseOwned(k, owner));
    }

    /** The write failed: give back what this allocation claimed. */
    void rollback() {
      claimed.forEach(ServiceAllocator.this::release);
    }
  }

  /** Nothing claimed, nothing to give up: for objects that are not services. */
  private final Allocation none = new Allocation(null);

  /**
   * {@link #allocate} for services, nothing for every other resource (and for the status
   * subresource, which cannot change addresses or ports).
   */
  Allocation allocateFor(
      ResourceDefinition def, String subresource, ObjectNode obj, ObjectNode old, boolean dryRun) {
    return isService(def) && !subresource.equals("status") ? allocate(obj, old, dryRun) : none;
  }

  /**
   * Fills in and claims the cluster IP and node ports of a service about to be created ({@code old}
   * null) or updated. Without {@code dryRun} the claims are made in the store; the caller commits
   * or rolls back the returned allocation after its write. Conflicts and addresses out of range are
   * 422 Invalid, as upstream's allocators answer.
   */
  Allocation allocate(ObjectNode svc, ObjectNode old, boolean dryRun) {
    Owner owner = Owner.of(svc);
    Allocation a = new Allocation(owner);
    Ranges r = ranges.get();
    ObjectNode spec = svc.with("spec");
    JsonNode oldSpec = old == null ? Json.MAPPER.createObjectNode() : old.path("spec");
    try {
      clusterIp(a, r, owner, spec, oldSpec, dryRun);
      nodePorts(a, r, owner, spec, oldSpec, dryRun);
    } catch (RuntimeException e) {
      a.rollback();
      throw e;
    }
    return a;
  }

  private void clusterIp(
      Allocation a, Ranges r, Owner owner, ObjectNode spec, JsonNode oldSpec, boolean dryRun) {
    String type = spec.path("type").asText("ClusterIP");
    String oldIp = oldSpec.path("clusterIP").asText("");
    String ip = spec.path("clusterIP").asText("");
    boolean wants = !type.equals("ExternalName") && !ip.equals("None");
    if (wants && ip.isEmpty()) {
      ip = dryRun ? freeIp(r, owner) : claimFreeIp(a, r, owner);
      spec.put("clusterIP", ip);
      spec.putArray("clusterIPs").add(ip);
    } else if (wants && !ip.equals(oldIp)) {
      if (!r.serviceIps().contains(ip)) {
        throw invalidIp(
            owner,
            ip,
            "the provided IP ("
                + ip
                + ") is not in the valid range. The range of valid IPs is "
                + r.serviceIps());
      }
      if (!dryRun && !claim(a, IP_PREFIX + ip, owner)) {
        throw invalidIp(owner, ip, "provided IP is already allocated");
      }
    }
    if (wants) {
      if (!spec.has("ipFamilies")) {
        spec.putArray("ipFamilies").add("IPv4");
      }
      if (!spec.has("ipFamilyPolicy")) {
        spec.put("ipFamilyPolicy", "SingleStack");
      }
    }
    if (!oldIp.isEmpty() && !oldIp.equals("None") && !oldIp.equals(wants ? ip : "")) {
      a.releaseAfterWrite.add(IP_PREFIX + oldIp);
    }
  }

  private void nodePorts(
      Allocation a, Ranges r, Owner owner, ObjectNode spec, JsonNode oldSpec, boolean dryRun) {
    String type = spec.path("type").asText("ClusterIP");
    boolean wants =
        type.equals("NodePort")
            || (type.equals("LoadBalancer")
                && spec.path("allocateLoadBalancerNodePorts").asBoolean(true));
    Set<Integer> before = ports(oldSpec);
    Set<Integer> kept = new LinkedHashSet<>();
    if (spec.path("ports") instanceof ArrayNode ports) {
      // Ports the client named first, so an automatic pick never takes one of them.
      for (JsonNode p : ports) {
        int port = p.path("nodePort").asInt(0);
        if (port == 0 || kept.contains(port)) {
          continue;
        }
        if (port < r.nodePortMin() || port > r.nodePortMax()) {
          throw invalidPort(
              owner,
              port,
              "provided port is not in the valid range. The range of valid ports is "
                  + r.nodePortMin()
                  + "-"
                  + r.nodePortMax());
        }
        if (!before.contains(port) && !dryRun && !claim(a, PORT_PREFIX + port, owner)) {
          throw invalidPort(owner, port, "provided port is already allocated");
        }
        kept.add(port);
      }
      if (wants) {
        for (JsonNode p : ports) {
          if (p.path("nodePort").asInt(0) == 0 && p instanceof ObjectNode o) {
            int port = dryRun ? freePort(r, owner, kept) : claimFreePort(a, r, owner, kept);
            kept.add(port);
            o.put("nodePort", port);
          }
        }
      }
    }
    for (int port : before) {
      if (!kept.contains(port)) {
        a.releaseAfterWrite.add(PORT_PREFIX + port);
      }
    }
  }

  private static Set<Integer> ports(JsonNode spec) {
    Set<Integer> out = new LinkedHashSet<>();
    for (JsonNode p : spec.path("ports")) {
      int port = p.path("nodePort").asInt(0);
      if (port > 0) {
        out.add(port);
      }
    }
    return out;
  }

  /** Gives back everything a deleted service held. */
  void releaseAll(ObjectNode svc) {
    Owner owner = Owner.of(svc);
    JsonNode spec = svc.path("spec");
    Set<String> ips = new LinkedHashSet<>();
    String ip = spec.path("clusterIP").asText("");
    if (!ip.isEmpty() && !ip.equals("None")) {
      ips.add(ip);
    }
    spec.path("clusterIPs").forEach(n -> ips.add(n.asText()));
    ips.remove("None");
    ips.forEach(i -> releaseOwned(IP_PREFIX + i, owner));
    ports(spec).forEach(p -> releaseOwned(PORT_PREFIX + p, owner));
  }

  // ---------------------------------------------------------------- claims

  /** A claim's owner: the service, by name and uid. */
  record Owner(String namespace, String name, String uid) {
    static Owner of(ObjectNode svc) {
      JsonNode m = svc.path("metadata");
      return new Owner(
          m.path("namespace").asText(""), m.path("name").asText(""), m.path("uid").asText(""));
    }

    byte[] encode() {
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("namespace", namespace);
      o.put("name", name);
      o.put("uid", uid);
      o.put("claimedAtMillis", System.currentTimeMillis());
      return o.toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Claims {@code key} for {@code owner}; false when another live service holds it. */
  private boolean claim(Allocation a, String key, Owner owner) {
    KeyValueStore kv = store.get();
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        kv.create(key, owner.encode());
        a.claimed.add(key);
        return true;
      } catch (KeyExistsException e) {
        Optional<KeyValue> held = kv.get(key);
        if (held.isEmpty()) {
          continue; // released meanwhile
        }
        ObjectNode claim = Json.readStored(held.get().value());
        if (claim.path("uid").asText().equals(owner.uid())) {
          return true; // this service already holds it
        }
        if (!leaked(key, claim)) {
          return false;
        }
        try {
          kv.delete(key, held.get().modRevision());
        } catch (RevisionMismatchException | KeyNotFoundException again) {
          // someone else took it over or released it: look again
        }
      }
    }
    return false;
  }

  /** A claim is leaked when it is old and its service is gone or no longer uses it. */
  private boolean leaked(String key, ObjectNode claim) {
    long age = System.currentTimeMillis() - claim.path("claimedAtMillis").asLong(0);
    if (age < RECLAIM_AFTER_MILLIS) {
      return false;
    }
    Optional<ObjectNode> svc =
        owners.service(claim.path("namespace").asText(), claim.path("name").asText());
    if (svc.isEmpty()) {
      return true;
    }
    if (!Meta.text(Meta.meta(svc.get()), "uid").equals(claim.path("uid").asText())) {
      return true;
    }
    JsonNode spec = svc.get().path("spec");
    if (key.startsWith(IP_PREFIX)) {
      String ip = key.substring(IP_PREFIX.length());
      for (JsonNode n : spec.path("clusterIPs")) {
        if (n.asText().equals(ip)) {
          return false;
        }
      }
      return !spec.path("clusterIP").asText().equals(ip);
    }
    int port = Integer.parseInt(key.substring(PORT_PREFIX.length()));
    return !ports(spec).contains(port);
  }

  private void release(String key) {
    try {
      store.get().delete(key, 0);
    } catch (KeyNotFoundException e) {
      // already gone
    }
  }

  private void releaseOwned(String key, Owner owner) {
    KeyValueStore kv = store.get();
    Optional<KeyValue> held = kv.get(key);
    if (held.isEmpty()) {
      return;
    }
    ObjectNode claim = Json.readStored(held.get().value());
    if (!claim.path("uid").asText().equals(owner.uid())) {
      return; // another service's now
    }
    try {
      kv.delete(key, held.get().modRevision());
    } catch (RevisionMismatchException | KeyNotFoundException e) {
      // changed meanwhile: not ours to drop any more
    }
  }

  // ---------------------------------------------------------------- picking free values

  private String claimFreeIp(Allocation a, Ranges r, Owner owner) {
    Ipv4Cidr c = r.serviceIps();
    long size = c.size();
    // Upstream's split of the range: a low band kept for addresses users choose, dynamic picks
    // from the rest first; the first address is the kubernetes service's.
    long low = Math.min(Math.max(16, size / 16), 256);
    for (int i = 0; i < RANDOM_TRIES && size - 2 > low; i++) {
      long offset = low + ThreadLocalRandom.current().nextLong(size - 1 - low);
      if (claim(a, IP_PREFIX + c.address(offset), owner)) {
        return c.address(offset);
      }
    }
    Set<String> used = claimedSuffixes(IP_PREFIX);
    for (long offset = 2; offset < size - 1; offset++) {
      String ip = c.address(offset);
      if (!used.contains(ip) && claim(a, IP_PREFIX + ip, owner)) {
        return ip;
      }
    }
    throw invalidIp(owner, "", "range is full; no more IPs are available in " + c);
  }

  private String freeIp(Ranges r, Owner owner) {
    Ipv4Cidr c = r.serviceIps();
    Set<String> used = claimedSuffixes(IP_PREFIX);
    for (long offset = Math.min(Math.max(16, c.size() / 16), 256);
        offset < c.size() - 1;
        offset++) {
      if (!used.contains(c.address(offset))) {
        return c.address(offset);
      }
    }
    throw invalidIp(owner, "", "range is full; no more IPs are available in " + c);
  }

  private int claimFreePort(Allocation a, Ranges r, Owner owner, Set<Integer> taken) {
    int span = r.nodePortMax() - r.nodePortMin() + 1;
    for (int i = 0; i < RANDOM_TRIES; i++) {
      int port = r.nodePortMin() + ThreadLocalRandom.current().nextInt(span);
      if (!taken.contains(port) && claim(a, PORT_PREFIX + port, owner)) {
        return port;
      }
    }
    Set<String> used = claimedSuffixes(PORT_PREFIX);
    for (int port = r.nodePortMin(); port <= r.nodePortMax(); port++) {
      if (!taken.contains(port)
          && !used.contains(Integer.toString(port))
          && claim(a, PORT_PREFIX + port, owner)) {
        return port;
      }
    }
    throw invalidPort(owner, 0, "range is full; no more ports are available");
  }

  private int freePort(Ranges r, Owner owner, Set<Integer> taken) {
    Set<String> used = claimedSuffixes(PORT_PREFIX);
    for (int port = r.nodePortMin(); port <= r.nodePortMax(); port++) {
      if (!taken.contains(port) && !used.contains(Integer.toString(port))) {
        return port;
      }
    }
    throw invalidPort(owner, 0, "range is full; no more ports are available");
  }

  private Set<String> claimedSuffixes(String prefix) {
    Set<String> out = new java.util.HashSet<>();
    KeyValueStore kv = store.get();
    String from = prefix;
    String end = RangeRequest.prefixEnd(prefix);
    while (true) {
      var page = kv.range(new RangeRequest(from, end, 0, 1000));
      for (KeyValue k : page.kvs()) {
        out.add(k.key().substring(prefix.length()));
        from = k.key() + "\0";
      }
      if (!page.more() || page.kvs().isEmpty()) {
        return out;
      }
    }
  }

  private static ApiException invalidIp(Owner owner, String ip, String why) {
    return ApiException.invalid(
        "",
        "Service",
        owner.name(),
        List.of(
            FieldError.invalid(
                "spec.clusterIPs",
                "[]string{\"" + ip + "\"}",
                "failed to allocate IP " + ip + ": " + why)));
  }

  private static ApiException invalidPort(Owner owner, int port, String why) {
    return ApiException.invalid(
        "",
        "Service",
        owner.name(),
        List.of(FieldError.invalid("spec.ports[].nodePort", port, why)));
  }
}
