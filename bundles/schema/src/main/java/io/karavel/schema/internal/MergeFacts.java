package io.karavel.schema.internal;

import io.karavel.schema.FieldMeta;
import io.karavel.schema.ListType;
import io.karavel.schema.PatchStrategy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes' merge facts that the model classes do not carry, keyed by (model class simple name,
 * JSON property). They restate the {@code patchStrategy}/{@code patchMergeKey} struct tags and the
 * {@code +listType}/{@code +listMapKey}/{@code +structType} markers of k8s.io/api and
 * k8s.io/apimachinery (as published in upstream's OpenAPI as {@code x-kubernetes-patch-strategy},
 * {@code x-kubernetes-patch-merge-key}, {@code x-kubernetes-list-type}, {@code
 * x-kubernetes-list-map-keys} and {@code x-kubernetes-map-type}). A list not named here is atomic
 * and replaced by strategic merge patch, which is upstream's default too.
 */
final class MergeFacts {

  private static final Map<String, Map<String, FieldMeta>> FIELDS = new HashMap<>();

  /** Structures that server-side apply treats as one value ({@code +structType=atomic}). */
  static final Set<String> ATOMIC_STRUCTS =
      Set.of(
          "LabelSelector",
          "LocalObjectReference",
          "ObjectReference",
          "NodeSelector",
          "ConfigMapKeySelector",
          "SecretKeySelector",
          "ObjectFieldSelector",
          "ResourceFieldSelector",
          "TypedLocalObjectReference");

  static {
    for (String pod : List.of("PodSpec")) {
      put(pod, "containers", mergeMap("name"));
      put(pod, "initContainers", mergeMap("name"));
      put(pod, "ephemeralContainers", mergeMap("name"));
      put(pod, "volumes", mergeRetainMap("name"));
      put(pod, "imagePullSecrets", mergeMap("name"));
      put(pod, "hostAliases", mergeMap("ip"));
      put(pod, "topologySpreadConstraints", mergeMap("topologyKey", "whenUnsatisfiable"));
      put(pod, "resourceClaims", mergeRetainMap("name"));
      put(pod, "schedulingGates", mergeMap("name"));
      put(pod, "tolerations", FieldMeta.ATOMIC_LIST);
      put(pod, "readinessGates", FieldMeta.ATOMIC_LIST);
    }
    for (String c : List.of("Container", "EphemeralContainer")) {
      put(c, "ports", mergeMap("containerPort", "protocol"));
      put(c, "env", mergeMap("name"));
      put(c, "volumeMounts", mergeMap("mountPath"));
      put(c, "volumeDevices", mergeMap("devicePath"));
      put(c, "envFrom", FieldMeta.ATOMIC_LIST);
      put(c, "resizePolicy", FieldMeta.ATOMIC_LIST);
    }
    put("ServiceSpec", "ports", mergeMap("port", "protocol"));
    put(
        "ObjectMeta",
        "finalizers",
        new FieldMeta(Set.of(PatchStrategy.MERGE), null, ListType.SET, List.of()));
    put("ObjectMeta", "ownerReferences", mergeMap("uid"));
    put("PodStatus", "conditions", mergeMap("type"));
    put("PodStatus", "podIPs", mergeMap("ip"));
    put(
        "PodStatus",
        "hostIPs",
        new FieldMeta(Set.of(PatchStrategy.MERGE), "ip", ListType.ATOMIC, List.of()));
    put("NodeStatus", "conditions", mergeMap("type"));
    put("NodeStatus", "addresses", mergeMap("type"));
    put(
        "NodeSpec",
        "podCIDRs",
        new FieldMeta(Set.of(PatchStrategy.MERGE), null, ListType.SET, List.of()));
    for (String s :
        List.of(
            "DeploymentStatus",
            "ReplicaSetStatus",
            "StatefulSetStatus",
            "DaemonSetStatus",
            "NamespaceStatus",
            "PersistentVolumeClaimStatus",
            "ServiceStatus",
            "PodDisruptionBudgetStatus",
            "ReplicationControllerStatus")) {
      put(s, "conditions", mergeMap("type"));
    }
    // upstream merges Job conditions by type in patches but makes the list atomic for apply
    put(
        "JobStatus",
        "conditions",
        new FieldMeta(Set.of(PatchStrategy.MERGE), "type", ListType.ATOMIC, List.of()));
    put(
        "DeploymentSpec",
        "strategy",
        new FieldMeta(Set.of(PatchStrategy.RETAIN_KEYS), null, null, List.of()));
  }

  private MergeFacts() {}

  /** The facts of property {@code property} of class {@code simpleName}, or null. */
  static FieldMeta of(String simpleName, String property) {
    Map<String, FieldMeta> byProperty = FIELDS.get(simpleName);
    return byProperty == null ? null : byProperty.get(property);
  }

  private static void put(String type, String property, FieldMeta meta) {
    FIELDS.computeIfAbsent(type, t -> new HashMap<>()).put(property, meta);
  }

  private static FieldMeta mergeMap(String mergeKey, String... moreMapKeys) {
    List<String> keys = new java.util.ArrayList<>();
    keys.add(mergeKey);
    keys.addAll(List.of(moreMapKeys));
    return new FieldMeta(Set.of(PatchStrategy.MERGE), mergeKey, ListType.MAP, keys);
  }

  private static FieldMeta mergeRetainMap(String mergeKey) {
    return new FieldMeta(
        Set.of(PatchStrategy.MERGE, PatchStrategy.RETAIN_KEYS),
        mergeKey,
        ListType.MAP,
        List.of(mergeKey));
  }
}
