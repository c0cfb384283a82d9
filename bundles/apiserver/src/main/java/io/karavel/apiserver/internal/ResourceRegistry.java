package io.karavel.apiserver.internal;

import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.apiserver.spi.ResourceProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The served resources, fed by {@link ResourceProvider} services coming and going. Readers get an
 * immutable snapshot; every change bumps {@link #generation()} so derived documents (discovery,
 * OpenAPI) know to rebuild.
 */
public final class ResourceRegistry {

  /** An immutable view of the served resources. */
  public record Snapshot(long generation, List<ResourceDefinition> all) {

    public Optional<ResourceDefinition> find(String group, String version, String plural) {
      for (ResourceDefinition d : all) {
        if (d.group().equals(group) && d.version().equals(version) && d.plural().equals(plural)) {
          return Optional.of(d);
        }
      }
      return Optional.empty();
    }

    public Optional<ResourceDefinition> findKind(String apiVersion, String kind) {
      for (ResourceDefinition d : all) {
        if (d.kind().equals(kind) && d.apiVersion().equals(apiVersion)) {
          return Optional.of(d);
        }
      }
      return Optional.empty();
    }

    /** Group versions in discovery order: core first, then groups by name. */
    public Map<String, Map<String, List<ResourceDefinition>>> byGroupAndVersion() {
      Map<String, Map<String, List<ResourceDefinition>>> out = new LinkedHashMap<>();
      all.stream()
          .sorted(
              Comparator.comparing((ResourceDefinition d) -> !d.group().isEmpty())
                  .thenComparing(ResourceDefinition::group)
                  .thenComparing(ResourceDefinition::version)
                  .thenComparing(ResourceDefinition::plural))
          .forEach(
              d ->
                  out.computeIfAbsent(d.group(), g -> new LinkedHashMap<>())
                      .computeIfAbsent(d.version(), v -> new ArrayList<>())
                      .add(d));
      return out;
    }

    public boolean servesGroupVersion(String group, String version) {
      return all.stream().anyMatch(d -> d.group().equals(group) && d.version().equals(version));
    }
  }

  private final Map<ResourceProvider, List<ResourceDefinition>> providers = new IdentityHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private volatile Snapshot snapshot = new Snapshot(0, List.of());

  public synchronized void add(ResourceProvider provider) {
    providers.put(provider, List.copyOf(provider.resources()));
    rebuild();
  }

  public synchronized void remove(ResourceProvider provider) {
    if (providers.remove(provider) != null) {
      rebuild();
    }
  }

  private void rebuild() {
    // The first provider of a group/version/resource wins; later duplicates are ignored.
    Map<String, ResourceDefinition> byKey = new LinkedHashMap<>();
    for (Collection<ResourceDefinition> defs : providers.values()) {
      for (ResourceDefinition d : defs) {
        byKey.putIfAbsent(d.group() + "/" + d.version() + "/" + d.plural(), d);
      }
    }
    snapshot = new Snapshot(generation.incrementAndGet(), List.copyOf(byKey.values()));
  }

  public Snapshot snapshot() {
    return snapshot;
  }

  public long generation() {
    return snapshot.generation();
  }
}
