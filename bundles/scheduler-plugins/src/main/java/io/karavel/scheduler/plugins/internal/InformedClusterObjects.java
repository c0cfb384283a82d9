package io.karavel.scheduler.plugins.internal;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.karavel.client.Informers;
import io.karavel.client.KubeClientProvider;
import io.karavel.client.LabelSelectors;
import io.karavel.client.ResourceType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClusterObjects} from informers on namespaces, services, replication controllers, replica
 * sets and stateful sets, started once the API server's kubeconfig exists (as upstream's scheduler
 * reads them from its shared informer factory). Until they have synced the plugins see {@link
 * #synced()} false and fall back to what the snapshot tells.
 */
@Component(service = ClusterObjects.class)
public final class InformedClusterObjects implements ClusterObjects {
  private static final Logger LOG = LoggerFactory.getLogger(InformedClusterObjects.class);
  private static final ResourceType NAMESPACES =
      new ResourceType("", "v1", "namespaces", "Namespace", false);
  private static final ResourceType SERVICES =
      new ResourceType("", "v1", "services", "Service", true);
  private static final ResourceType REPLICATION_CONTROLLERS =
      new ResourceType("", "v1", "replicationcontrollers", "ReplicationController", true);
  private static final ResourceType REPLICA_SETS =
      new ResourceType("apps", "v1", "replicasets", "ReplicaSet", true);
  private static final ResourceType STATEFUL_SETS =
      new ResourceType("apps", "v1", "statefulsets", "StatefulSet", true);

  private final KubeClientProvider clients;
  private final List<SharedIndexInformer<GenericKubernetesResource>> informers =
      new CopyOnWriteArrayList<>();
  private volatile SharedIndexInformer<GenericKubernetesResource> namespaces;
  private volatile SharedIndexInformer<GenericKubernetesResource> services;
  private volatile SharedIndexInformer<GenericKubernetesResource> replicationControllers;
  private volatile SharedIndexInformer<GenericKubernetesResource> replicaSets;
  private volatile SharedIndexInformer<GenericKubernetesResource> statefulSets;
  private volatile boolean stopped;
  private final Thread starter;

  @Activate
  public InformedClusterObjects(@Reference KubeClientProvider clients) {
    this.clients = clients;
    this.starter = new Thread(this::start, "karavel-scheduler-plugins-informers");
    starter.setDaemon(true);
    starter.start();
  }

  private void start() {
    KubernetesClient client = null;
    while (!stopped && client == null) {
      try {
        client = clients.awaitClient(Duration.ofSeconds(30));
      } catch (TimeoutException e) {
        LOG.debug("no kubeconfig yet; namespace labels and owner selectors wait for it");
      } catch (InterruptedException e) {
        return;
      }
    }
    if (stopped) {
      return;
    }
    namespaces = started(client, NAMESPACES);
    services = started(client, SERVICES);
    replicationControllers = started(client, REPLICATION_CONTROLLERS);
    replicaSets = started(client, REPLICA_SETS);
    statefulSets = started(client, STATEFUL_SETS);
  }

  private SharedIndexInformer<GenericKubernetesResource> started(
      KubernetesClient client, ResourceType type) {
    SharedIndexInformer<GenericKubernetesResource> i =
        Informers.informer(client, type, null, Duration.ZERO);
    informers.add(i);
    if (stopped) {
      i.stop();
      return i;
    }
    i.start();
    return i;
  }

  @Deactivate
  void deactivate() {
    stopped = true;
    starter.interrupt();
    for (SharedIndexInformer<GenericKubernetesResource> i : informers) {
      i.stop();
    }
    informers.clear();
  }

  @Override
  public boolean synced() {
    if (informers.size() < 5) {
      return false;
    }
    for (SharedIndexInformer<GenericKubernetesResource> i : informers) {
      if (!i.hasSynced()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Map<String, String> namespaceLabels(String namespace) {
    SharedIndexInformer<GenericKubernetesResource> i = namespaces;
    GenericKubernetesResource ns = i == null ? null : i.getStore().getByKey(namespace);
    Map<String, String> labels = ns == null ? null : ns.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  @Override
  public List<LabelSelector> ownerSelectors(Pod pod) {
    String ns = pod.getMetadata().getNamespace();
    SharedIndexInformer<GenericKubernetesResource> svc = services;
    List<GenericKubernetesResource> inNamespace =
        svc == null ? List.of() : svc.getIndexer().byIndex(Cache.NAMESPACE_INDEX, ns);
    OwnerReference controller = controllerOf(pod);
    GenericKubernetesResource owner = null;
    String kind = controller == null ? "" : Matching.nz(controller.getKind());
    if (controller != null) {
      String key = ns + "/" + controller.getName();
      owner =
          switch (kind) {
            case "ReplicationController" -> get(replicationControllers, key);
            case "ReplicaSet" -> get(replicaSets, key);
            case "StatefulSet" -> get(statefulSets, key);
            default -> null;
          };
    }
    return selectors(pod, inNamespace, kind, owner);
  }

  /**
   * The selectors of the {@code services} (of the pod's namespace) that select the pod, then the
   * selector of its {@code controller} object of that kind (a ReplicationController's label map, a
   * ReplicaSet's or StatefulSet's label selector), if any. The kind comes from the owner reference:
   * list items need not carry theirs.
   */
  static List<LabelSelector> selectors(
      Pod pod,
      List<GenericKubernetesResource> services,
      String controllerKind,
      GenericKubernetesResource controller) {
    Map<String, String> podLabels = pod.getMetadata().getLabels();
    List<LabelSelector> selectors = new ArrayList<>();
    for (GenericKubernetesResource s : services) {
      Map<String, String> selector = stringMap(spec(s).get("selector"));
      if (!selector.isEmpty()) {
        LabelSelector ls = new LabelSelectorBuilder().withMatchLabels(selector).build();
        if (LabelSelectors.matches(ls, podLabels)) {
          selectors.add(ls);
        }
      }
    }
    if (controller != null) {
      if ("ReplicationController".equals(controllerKind)) {
        Map<String, String> selector = stringMap(spec(controller).get("selector"));
        if (!selector.isEmpty()) {
          selectors.add(new LabelSelectorBuilder().withMatchLabels(selector).build());
        }
      } else {
        addLabelSelector(selectors, controller);
      }
    }
    return selectors;
  }

  static OwnerReference controllerOf(Pod pod) {
    List<OwnerReference> refs = pod.getMetadata().getOwnerReferences();
    if (refs != null) {
      for (OwnerReference r : refs) {
        if (Boolean.TRUE.equals(r.getController())) {
          return r;
        }
      }
    }
    return null;
  }

  private static GenericKubernetesResource get(
      SharedIndexInformer<GenericKubernetesResource> informer, String key) {
    return informer == null ? null : informer.getStore().getByKey(key);
  }

  private static void addLabelSelector(
      List<LabelSelector> selectors, GenericKubernetesResource owner) {
    if (owner == null) {
      return;
    }
    Object raw = spec(owner).get("selector");
    if (!(raw instanceof Map<?, ?> m)) {
      return;
    }
    LabelSelectorBuilder b = new LabelSelectorBuilder();
    Map<String, String> matchLabels = stringMap(m.get("matchLabels"));
    if (!matchLabels.isEmpty()) {
      b.withMatchLabels(matchLabels);
    }
    if (m.get("matchExpressions") instanceof List<?> exprs) {
      for (Object o : exprs) {
        if (o instanceof Map<?, ?> e) {
          List<String> values = new ArrayList<>();
          if (e.get("values") instanceof List<?> vs) {
            vs.forEach(v -> values.add(String.valueOf(v)));
          }
          b.addToMatchExpressions(
              new LabelSelectorRequirement(
                  String.valueOf(e.get("key")), String.valueOf(e.get("operator")), values));
        }
      }
    }
    LabelSelector ls = b.build();
    if (!matchLabels.isEmpty() || !Matching.nullSafe(ls.getMatchExpressions()).isEmpty()) {
      selectors.add(ls);
    }
  }

  private static Map<?, ?> spec(GenericKubernetesResource r) {
    return r.getAdditionalProperties().get("spec") instanceof Map<?, ?> m ? m : Map.of();
  }

  private static Map<String, String> stringMap(Object o) {
    if (!(o instanceof Map<?, ?> m) || m.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new java.util.HashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    return out;
  }
}
