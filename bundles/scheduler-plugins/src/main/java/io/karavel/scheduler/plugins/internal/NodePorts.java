package io.karavel.scheduler.plugins.internal;

import io.karavel.scheduler.spi.ClusterEvent;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.EnqueueExtensions;
import io.karavel.scheduler.spi.FilterPlugin;
import io.karavel.scheduler.spi.HostPort;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.Plugin;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.PreFilterPlugin;
import io.karavel.scheduler.spi.PreFilterResult;
import io.karavel.scheduler.spi.Status;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Rejects nodes where a host port the pod asks for is taken. */
@Component(service = Plugin.class, property = Plugin.NAME + "=" + NodePorts.NAME)
public final class NodePorts implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  public static final String NAME = "NodePorts";
  static final String REASON = "node(s) didn't have free ports for the requested pod ports";

  @Override
  public PreFilterResult preFilter(CycleState state, PodInfo pod, NodeSnapshot snapshot) {
    return pod.hostPorts().isEmpty()
        ? PreFilterResult.of(Status.skip())
        : PreFilterResult.success();
  }

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    for (HostPort wanted : pod.hostPorts()) {
      for (HostPort used : node.usedPorts()) {
        if (wanted.conflicts(used)) {
          return Status.unschedulable(REASON);
        }
      }
    }
    return Status.success();
  }

  @Override
  public List<ClusterEvent> eventsToRegister() {
    return List.of(
        new ClusterEvent(ClusterEvent.Resource.ASSIGNED_POD, ClusterEvent.DELETE),
        new ClusterEvent(ClusterEvent.Resource.NODE, ClusterEvent.ADD | ClusterEvent.UPDATE_OTHER));
  }
}
