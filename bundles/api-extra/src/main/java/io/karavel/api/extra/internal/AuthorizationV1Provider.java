package io.karavel.api.extra.internal;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.apiserver.spi.ResourceProvider;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Serves authorization.k8s.io/v1: selfsubjectaccessreviews (create only, answered on the fly, never
 * stored).
 */
@Component(service = ResourceProvider.class)
public final class AuthorizationV1Provider implements ResourceProvider {
  static final String GROUP = "authorization.k8s.io";
  static final String VERSION = "v1";

  private static final List<ResourceDefinition> RESOURCES =
      List.of(
          ResourceDefinition.builder(
                  GROUP, VERSION, "SelfSubjectAccessReview", "selfsubjectaccessreviews")
              .clusterScoped()
              .model(SelfSubjectAccessReview.class)
              .strategy(new SelfSubjectAccessReviewStrategy())
              .virtualCreate(new SelfSubjectAccessReviewHandler())
              .build());

  @Override
  public List<ResourceDefinition> resources() {
    return RESOURCES;
  }
}
