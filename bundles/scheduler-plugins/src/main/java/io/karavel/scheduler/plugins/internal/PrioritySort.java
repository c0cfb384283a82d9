package io.karavel.scheduler.plugins.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.karavel.scheduler.spi.Plugin;
import io.karavel.scheduler.spi.QueueSortPlugin;
import io.karavel.scheduler.spi.QueuedPod;
import org.osgi.service.component.annotations.Component;

/** Orders the queue by {@code spec.priority} (higher first), then by time of enqueueing. */
@Component(service = Plugin.class, property = Plugin.NAME + "=" + PrioritySort.NAME)
public final class PrioritySort implements QueueSortPlugin {
  public static final String NAME = "PrioritySort";

  @Override
  public boolean less(QueuedPod a, QueuedPod b) {
    int pa = priority(a.podInfo().pod());
    int pb = priority(b.podInfo().pod());
    return pa > pb || (pa == pb && a.timestamp().isBefore(b.timestamp()));
  }

  static int priority(Pod pod) {
    Integer p = pod.getSpec() == null ? null : pod.getSpec().getPriority();
    return p == null ? 0 : p;
  }
}
