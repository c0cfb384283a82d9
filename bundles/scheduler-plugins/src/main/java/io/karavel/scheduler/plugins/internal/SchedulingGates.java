package io.karavel.scheduler.plugins.internal;

import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.karavel.scheduler.spi.ClusterEvent;
import io.karavel.scheduler.spi.EnqueueExtensions;
import io.karavel.scheduler.spi.Plugin;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.PreEnqueuePlugin;
import io.karavel.scheduler.spi.Status;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Keeps pods with {@code spec.schedulingGates} out of the active queue. */
@Component(service = Plugin.class, property = Plugin.NAME + "=" + SchedulingGates.NAME)
public final class SchedulingGates implements PreEnqueuePlugin, EnqueueExtensions {
  public static final String NAME = "SchedulingGates";

  @Override
  public Status preEnqueue(PodInfo pod) {
    List<PodSchedulingGate> gates = pod.pod().getSpec().getSchedulingGates();
    if (gates == null || gates.isEmpty()) {
      return Status.success();
    }
    List<String> names = gates.stream().map(PodSchedulingGate::getName).toList();
    return Status.unresolvable("waiting for scheduling gates: [" + String.join(" ", names) + "]");
  }

  @Override
  public List<ClusterEvent> eventsToRegister() {
    return List.of(
        new ClusterEvent(
            ClusterEvent.Resource.POD, ClusterEvent.UPDATE_POD_SCHEDULING_GATES_ELIMINATED));
  }
}
