package io.karavel.apiserver.spi;

import java.util.List;

/**
 * A whiteboard service contributing resources to the API server, typically one per API
 * group/version. Registering one makes the resources appear in discovery and OpenAPI at once;
 * unregistering removes them (stored objects stay in the store).
 */
public interface ResourceProvider {

  /** The resources served; called when the service is bound. Must return the same set each time. */
  List<ResourceDefinition> resources();
}
