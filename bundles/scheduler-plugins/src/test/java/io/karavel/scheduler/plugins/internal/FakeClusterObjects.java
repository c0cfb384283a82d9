package io.karavel.scheduler.plugins.internal;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Synced {@link ClusterObjects} with the namespace labels and owner selectors a test gives. */
record FakeClusterObjects(
    Map<String, Map<String, String>> namespaces, Function<Pod, List<LabelSelector>> owners)
    implements ClusterObjects {

  static FakeClusterObjects namespaces(Map<String, Map<String, String>> labels) {
    return new FakeClusterObjects(labels, p -> List.of());
  }

  static FakeClusterObjects owners(Function<Pod, List<LabelSelector>> owners) {
    return new FakeClusterObjects(Map.of(), owners);
  }

  @Override
  public Map<String, String> namespaceLabels(String namespace) {
    return namespaces.getOrDefault(namespace, Map.of());
  }

  @Override
  public List<LabelSelector> ownerSelectors(Pod pod) {
    return owners.apply(pod);
  }

  @Override
  public boolean synced() {
    return true;
  }
}
