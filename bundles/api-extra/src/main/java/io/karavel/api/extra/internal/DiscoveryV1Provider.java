package io.karavel.api.extra.internal;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.apiserver.spi.ResourceProvider;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Serves discovery.k8s.io/v1: endpointslices. */
@Component(service = ResourceProvider.class)
public final class DiscoveryV1Provider implements ResourceProvider {
  static final String GROUP = "discovery.k8s.io";
  static final String VERSION = "v1";

  private static final List<ResourceDefinition> RESOURCES =
      List.of(
          ResourceDefinition.builder(GROUP, VERSION, "EndpointSlice", "endpointslices")
              .model(EndpointSlice.class)
              .table(ExtraTables.ENDPOINT_SLICES)
              .strategy(new EndpointSliceStrategy())
              .build());

  @Override
  public List<ResourceDefinition> resources() {
    return RESOURCES;
  }
}
