package io.karavel.api.extra.internal;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.apiserver.spi.ResourceProvider;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Serves scheduling.k8s.io/v1: priorityclasses. */
@Component(service = ResourceProvider.class)
public final class SchedulingV1Provider implements ResourceProvider {
  static final String GROUP = "scheduling.k8s.io";
  static final String VERSION = "v1";

  private static final List<ResourceDefinition> RESOURCES =
      List.of(
          ResourceDefinition.builder(GROUP, VERSION, "PriorityClass", "priorityclasses")
              .shortNames("pc")
              .clusterScoped()
              .model(PriorityClass.class)
              .table(ExtraTables.PRIORITY_CLASSES)
              .strategy(new PriorityClassStrategy())
              .build());

  @Override
  public List<ResourceDefinition> resources() {
    return RESOURCES;
  }
}
