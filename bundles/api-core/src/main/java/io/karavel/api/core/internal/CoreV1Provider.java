package io.karavel.api.core.internal;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.apiserver.spi.ResourceProvider;
import io.karavel.apiserver.spi.ScaleSpec;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Serves the core/v1 resources users work with, with the names, verbs, short names, categories and
 * subresources of Kubernetes 1.32 discovery. {@code serviceaccounts/token} is not listed: no
 * handler serves TokenRequests yet.
 */
@Component(service = ResourceProvider.class)
public final class CoreV1Provider implements ResourceProvider {
  static final String GROUP = "";
  static final String VERSION = "v1";

  private static ResourceDefinition.Builder core(String kind, String plural) {
    return ResourceDefinition.builder(GROUP, VERSION, kind, plural);
  }

  private static final List<ResourceDefinition> RESOURCES =
      List.of(
          core("Namespace", "namespaces")
              .clusterScoped()
              .shortNames("ns")
              .verbs("create", "delete", "get", "list", "patch", "update", "watch")
              .subresources("finalize", "status")
              .model(Namespace.class)
              .table(CoreTables.NAMESPACES)
              .strategy(new NamespaceStrategy())
              .build(),
          core("Pod", "pods")
              .shortNames("po")
              .categories("all")
              .subresources(
                  "attach",
                  "binding",
                  "ephemeralcontainers",
                  "eviction",
                  "exec",
                  "log",
                  "portforward",
                  "proxy",
                  "status")
              .model(Pod.class)
              .table(PodTable.DEFINITION)
              .strategy(new PodStrategy())
              .build(),
          core("Service", "services")
              .shortNames("svc")
              .categories("all")
              .subresources("proxy", "status")
              .model(Service.class)
              .table(CoreTables.SERVICES)
              .strategy(new ServiceStrategy())
              .build(),
          core("Endpoints", "endpoints")
              .shortNames("ep")
              .model(Endpoints.class)
              .table(CoreTables.ENDPOINTS)
              .strategy(new EndpointsStrategy())
              .build(),
          core("ConfigMap", "configmaps")
              .shortNames("cm")
              .model(ConfigMap.class)
              .table(CoreTables.CONFIG_MAPS)
              .strategy(new ConfigMapStrategy())
              .build(),
          core("Secret", "secrets")
              .model(Secret.class)
              .table(CoreTables.SECRETS)
              .strategy(new SecretStrategy())
              .build(),
          core("Node", "nodes")
              .clusterScoped()
              .shortNames("no")
              .subresources("proxy", "status")
              .model(Node.class)
              .table(CoreTables.NODES)
              .strategy(new NodeStrategy())
              .build(),
          core("Event", "events")
              .shortNames("ev")
              .model(Event.class)
              .table(CoreTables.EVENTS)
              .strategy(new EventStrategy())
              .build(),
          core("ServiceAccount", "serviceaccounts")
              .shortNames("sa")
              .model(ServiceAccount.class)
              .table(CoreTables.SERVICE_ACCOUNTS)
              .build(),
          core("ReplicationController", "replicationcontrollers")
              .shortNames("rc")
              .categories("all")
              .subresources("status")
              .scale(new ScaleSpec(".spec.replicas", ".status.replicas", ".spec.selector"))
              .model(ReplicationController.class)
              .table(CoreTables.REPLICATION_CONTROLLERS)
              .strategy(new ReplicationControllerStrategy())
              .build(),
          core("LimitRange", "limitranges")
              .shortNames("limits")
              .model(LimitRange.class)
              .table(CoreTables.NAME_CREATED_AT)
              .strategy(new LimitRangeStrategy())
              .build(),
          core("ResourceQuota", "resourcequotas")
              .shortNames("quota")
              .subresources("status")
              .model(ResourceQuota.class)
              .table(CoreTables.RESOURCE_QUOTAS)
              .strategy(new ResourceQuotaStrategy())
              .build(),
          core("PersistentVolume", "persistentvolumes")
              .clusterScoped()
              .shortNames("pv")
              .subresources("status")
              .model(PersistentVolume.class)
              .table(CoreTables.PERSISTENT_VOLUMES)
              .strategy(new PersistentVolumeStrategy())
              .build(),
          core("PersistentVolumeClaim", "persistentvolumeclaims")
              .shortNames("pvc")
              .subresources("status")
              .model(PersistentVolumeClaim.class)
              .table(CoreTables.PERSISTENT_VOLUME_CLAIMS)
              .strategy(new PersistentVolumeClaimStrategy())
              .build());

  @Override
  public List<ResourceDefinition> resources() {
    return RESOURCES;
  }
}
