package io.karavel.client;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Objects;

/**
 * A resource type as discovery describes it: group ({@code ""} for the core group), version, plural
 * resource name, kind and scope. Lets code work with any type, built in or not, through fabric8's
 * generic resources.
 *
 * @param group API group, {@code ""} for core
 * @param version API version within the group
 * @param plural resource name, e.g. {@code deployments}
 * @param kind kind, e.g. {@code Deployment}
 * @param namespaced whether objects live in namespaces
 */
public record ResourceType(
    String group, String version, String plural, String kind, boolean namespaced) {

  public ResourceType {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(plural, "plural");
    Objects.requireNonNull(kind, "kind");
  }

  /** {@code v1} for the core group, else {@code group/version}. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** kubectl's qualified name: {@code plural} for the core group, else {@code plural.group}. */
  public String qualifiedName() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  /**
   * The path of a collection: {@code /api/v1/pods}, {@code
   * /apis/apps/v1/namespaces/ns/deployments}; {@code namespace} null means all namespaces (or a
   * cluster scoped type).
   */
  public String collectionPath(String namespace) {
    StringBuilder path = new StringBuilder(group.isEmpty() ? "/api/" : "/apis/" + group + "/");
    path.append(version);
    if (namespaced && namespace != null) {
      path.append("/namespaces/").append(namespace);
    }
    return path.append('/').append(plural).toString();
  }

  /** fabric8's description of this type, for {@code client.genericKubernetesResources(...)}. */
  public ResourceDefinitionContext toContext() {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withPlural(plural)
        .withKind(kind)
        .withNamespaced(namespaced)
        .build();
  }
}
