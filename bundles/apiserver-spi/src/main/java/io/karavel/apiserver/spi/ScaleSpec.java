package io.karavel.apiserver.spi;

/**
 * Where the {@code scale} subresource finds replicas, as dotted JSON paths (the same shape as a
 * CustomResourceDefinition's scale subresource).
 *
 * @param specReplicasPath e.g. {@code .spec.replicas}
 * @param statusReplicasPath e.g. {@code .status.replicas}
 * @param labelSelectorPath e.g. {@code .status.selector}, or null
 */
public record ScaleSpec(
    String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {

  /** The paths of Deployments, ReplicaSets and StatefulSets. */
  public static final ScaleSpec STANDARD =
      new ScaleSpec(".spec.replicas", ".status.replicas", ".spec.selector");
}
