package io.karavel.api.extra.internal;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.apiserver.spi.ResourceProvider;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Serves policy/v1: poddisruptionbudgets. */
@Component(service = ResourceProvider.class)
public final class PolicyV1Provider implements ResourceProvider {
  static final String GROUP = "policy";
  static final String VERSION = "v1";

  private static final List<ResourceDefinition> RESOURCES =
      List.of(
          ResourceDefinition.builder(GROUP, VERSION, "PodDisruptionBudget", "poddisruptionbudgets")
              .shortNames("pdb")
              .subresources("status")
              .model(PodDisruptionBudget.class)
              .table(ExtraTables.POD_DISRUPTION_BUDGETS)
              .strategy(new PodDisruptionBudgetStrategy())
              .build());

  @Override
  public List<ResourceDefinition> resources() {
    return RESOURCES;
  }
}
