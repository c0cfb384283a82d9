package io.karavel.api.extra.internal;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.karavel.api.common.internal.Tables;
import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.apiserver.spi.ResourceProvider;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Serves rbac.authorization.k8s.io/v1: roles, rolebindings, clusterroles, clusterrolebindings
 * (stored only; enforcement is an authorizer's job).
 */
@Component(service = ResourceProvider.class)
public final class RbacV1Provider implements ResourceProvider {
  static final String GROUP = "rbac.authorization.k8s.io";
  static final String VERSION = "v1";

  private static final List<ResourceDefinition> RESOURCES =
      List.of(
          ResourceDefinition.builder(GROUP, VERSION, "ClusterRoleBinding", "clusterrolebindings")
              .clusterScoped()
              .model(ClusterRoleBinding.class)
              .table(ExtraTables.CLUSTER_ROLE_BINDINGS)
              .strategy(new RoleBindingStrategy(true))
              .build(),
          ResourceDefinition.builder(GROUP, VERSION, "ClusterRole", "clusterroles")
              .clusterScoped()
              .model(ClusterRole.class)
              .table(Tables.NAME_CREATED_AT)
              .strategy(new RoleStrategy(false))
              .build(),
          ResourceDefinition.builder(GROUP, VERSION, "RoleBinding", "rolebindings")
              .model(RoleBinding.class)
              .table(ExtraTables.ROLE_BINDINGS)
              .strategy(new RoleBindingStrategy(false))
              .build(),
          ResourceDefinition.builder(GROUP, VERSION, "Role", "roles")
              .model(Role.class)
              .table(Tables.NAME_CREATED_AT)
              .strategy(new RoleStrategy(true))
              .build());

  @Override
  public List<ResourceDefinition> resources() {
    return RESOURCES;
  }
}
