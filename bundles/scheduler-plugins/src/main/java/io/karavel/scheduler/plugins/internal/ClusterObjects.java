package io.karavel.scheduler.plugins.internal;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;

/**
 * What some plugins need besides nodes and pods: namespace labels (for {@code namespaceSelector} of
 * pod affinity terms) and the label selectors of the Services, ReplicationControllers, ReplicaSets
 * and StatefulSets a pod belongs to (for the default topology spread constraints). Upstream's
 * plugins read both from informer listers; the scheduler's snapshot holds neither.
 */
interface ClusterObjects {

  /** Nothing known: no namespace has labels, no pod has an owner's selector. */
  ClusterObjects NONE =
      new ClusterObjects() {
        @Override
        public Map<String, String> namespaceLabels(String namespace) {
          return Map.of();
        }

        @Override
        public List<LabelSelector> ownerSelectors(Pod pod) {
          return List.of();
        }

        @Override
        public boolean synced() {
          return false;
        }
      };

  /** The labels of that namespace; empty if the namespace is not known. */
  Map<String, String> namespaceLabels(String namespace);

  /**
   * The selectors of the Services selecting {@code pod} and of its controller if that is a
   * ReplicationController, ReplicaSet or StatefulSet; empty if none is known.
   */
  List<LabelSelector> ownerSelectors(Pod pod);

  /** Whether the data comes from synced informers (false: {@link #NONE} or not yet synced). */
  boolean synced();
}
