package io.karavel.client;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;

/**
 * Informers over any resource type. fabric8's {@link SharedIndexInformer} lists and watches (with
 * bookmarks), re-lists when the server answers 410 Gone, resyncs and keeps an indexed cache; typed
 * informers come straight from the client, e.g. {@code
 * client.pods().inAnyNamespace().runnableInformer(0)}.
 */
public interface Informers {

  /**
   * A not yet started informer for {@code type}, in {@code namespace} or, when it is null or the
   * type is cluster scoped, everywhere. Add indexers and handlers, then call {@code start()} or
   * {@code run()}.
   *
   * @param resync how often handlers get every cached object again; zero for never
   */
  static SharedIndexInformer<GenericKubernetesResource> informer(
      KubernetesClient client, ResourceType type, String namespace, Duration resync) {
    MixedOperation<
            GenericKubernetesResource,
            GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>>
        resources = client.genericKubernetesResources(type.toContext());
    long resyncMillis = resync.toMillis();
    if (type.namespaced() && namespace != null) {
      return resources.inNamespace(namespace).runnableInformer(resyncMillis);
    }
    return resources.inAnyNamespace().runnableInformer(resyncMillis);
  }
}
