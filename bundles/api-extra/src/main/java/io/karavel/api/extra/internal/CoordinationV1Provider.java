package io.karavel.api.extra.internal;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.apiserver.spi.ResourceProvider;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Serves coordination.k8s.io/v1: leases. */
@Component(service = ResourceProvider.class)
public final class CoordinationV1Provider implements ResourceProvider {
  static final String GROUP = "coordination.k8s.io";
  static final String VERSION = "v1";

  private static final List<ResourceDefinition> RESOURCES =
      List.of(
          ResourceDefinition.builder(GROUP, VERSION, "Lease", "leases")
              .model(Lease.class)
              .table(ExtraTables.LEASES)
              .strategy(new LeaseStrategy())
              .build());

  @Override
  public List<ResourceDefinition> resources() {
    return RESOURCES;
  }
}
