package io.karavel.api.apps.internal;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.apiserver.spi.ResourceProvider;
import io.karavel.apiserver.spi.ScaleSpec;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Serves apps/v1: deployments, replicasets, statefulsets, daemonsets, controllerrevisions. */
@Component(service = ResourceProvider.class)
public final class AppsV1Provider implements ResourceProvider {
  static final String GROUP = "apps";
  static final String VERSION = "v1";

  private static final List<ResourceDefinition> RESOURCES =
      List.of(
          ResourceDefinition.builder(GROUP, VERSION, "Deployment", "deployments")
              .shortNames("deploy")
              .categories("all")
              .subresources("status")
              .scale(ScaleSpec.STANDARD)
              .model(Deployment.class)
              .table(AppsTables.DEPLOYMENTS)
              .strategy(new DeploymentStrategy())
              .build(),
          ResourceDefinition.builder(GROUP, VERSION, "ReplicaSet", "replicasets")
              .shortNames("rs")
              .categories("all")
              .subresources("status")
              .scale(ScaleSpec.STANDARD)
              .model(ReplicaSet.class)
              .table(AppsTables.REPLICA_SETS)
              .strategy(new ReplicaSetStrategy())
              .build(),
          ResourceDefinition.builder(GROUP, VERSION, "StatefulSet", "statefulsets")
              .shortNames("sts")
              .categories("all")
              .subresources("status")
              .scale(ScaleSpec.STANDARD)
              .model(StatefulSet.class)
              .table(AppsTables.STATEFUL_SETS)
              .strategy(new StatefulSetStrategy())
              .build(),
          ResourceDefinition.builder(GROUP, VERSION, "DaemonSet", "daemonsets")
              .shortNames("ds")
              .categories("all")
              .subresources("status")
              .model(DaemonSet.class)
              .table(AppsTables.DAEMON_SETS)
              .strategy(new DaemonSetStrategy())
              .build(),
          ResourceDefinition.builder(GROUP, VERSION, "ControllerRevision", "controllerrevisions")
              .model(ControllerRevision.class)
              .table(AppsTables.CONTROLLER_REVISIONS)
              .strategy(new ControllerRevisionStrategy())
              .build());

  @Override
  public List<ResourceDefinition> resources() {
    return RESOURCES;
  }
}
