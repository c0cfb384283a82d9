package io.karavel.api.extra.internal;

import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.apiserver.spi.ResourceProvider;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Serves events.k8s.io/v1: events. Stored apart from core/v1 events (see {@link #STORAGE}): the two
 * shapes differ and there is no conversion layer, so sharing upstream's storage would hand core
 * clients objects they cannot read.
 */
@Component(service = ResourceProvider.class)
public final class EventsV1Provider implements ResourceProvider {
  static final String GROUP = "events.k8s.io";
  static final String VERSION = "v1";

  /** Storage resource, distinct from core/v1 {@code events}. */
  static final String STORAGE = "events.events.k8s.io";

  private static final List<ResourceDefinition> RESOURCES =
      List.of(
          ResourceDefinition.builder(GROUP, VERSION, "Event", "events")
              .shortNames("ev")
              .model(Event.class)
              .storageResource(STORAGE)
              .table(ExtraTables.EVENTS)
              .strategy(new EventStrategy())
              .build());

  @Override
  public List<ResourceDefinition> resources() {
    return RESOURCES;
  }
}
