package io.karavel.scheduler.plugins.internal;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.karavel.scheduler.spi.ClusterEvent;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.EnqueueExtensions;
import io.karavel.scheduler.spi.FilterPlugin;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.Plugin;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.Status;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Rejects nodes with {@code spec.unschedulable} (cordoned) unless the pod tolerates the {@code
 * node.kubernetes.io/unschedulable:NoSchedule} taint.
 */
@Component(service = Plugin.class, property = Plugin.NAME + "=" + NodeUnschedulable.NAME)
public final class NodeUnschedulable implements FilterPlugin, EnqueueExtensions {
  public static final String NAME = "NodeUnschedulable";
  static final String REASON = "node(s) were unschedulable";
  private static final Taint UNSCHEDULABLE =
      new TaintBuilder()
          .withKey("node.kubernetes.io/unschedulable")
          .withEffect("NoSchedule")
          .build();

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    Node n = node.node();
    if (n.getSpec() == null || !Boolean.TRUE.equals(n.getSpec().getUnschedulable())) {
      return Status.success();
    }
    if (Matching.tolerated(pod.pod().getSpec().getTolerations(), UNSCHEDULABLE)) {
      return Status.success();
    }
    return Status.unresolvable(REASON);
  }

  @Override
  public List<ClusterEvent> eventsToRegister() {
    return List.of(
        new ClusterEvent(
            ClusterEvent.Resource.NODE,
            ClusterEvent.ADD | ClusterEvent.UPDATE_NODE_TAINT | ClusterEvent.UPDATE_OTHER),
        new ClusterEvent(ClusterEvent.Resource.POD, ClusterEvent.UPDATE_POD_TOLERATIONS));
  }
}
