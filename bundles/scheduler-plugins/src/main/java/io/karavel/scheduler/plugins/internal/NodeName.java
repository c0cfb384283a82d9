package io.karavel.scheduler.plugins.internal;

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

/** A pod that names a node ({@code spec.nodeName}) fits only that node. */
@Component(service = Plugin.class, property = Plugin.NAME + "=" + NodeName.NAME)
public final class NodeName implements FilterPlugin, EnqueueExtensions {
  public static final String NAME = "NodeName";
  static final String REASON = "node(s) didn't match the requested node name";

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    String wanted = pod.pod().getSpec().getNodeName();
    if (wanted == null || wanted.isEmpty() || wanted.equals(node.name())) {
      return Status.success();
    }
    return Status.unresolvable(REASON);
  }

  @Override
  public List<ClusterEvent> eventsToRegister() {
    return List.of(new ClusterEvent(ClusterEvent.Resource.NODE, ClusterEvent.ADD));
  }
}
