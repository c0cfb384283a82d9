package io.karavel.api.extra.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.api.common.internal.GoValues;
import io.karavel.api.common.internal.Nodes;
import io.karavel.api.common.internal.Validation;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;

/** rbac.authorization.k8s.io/v1 RoleBinding and ClusterRoleBinding defaulting and validation. */
final class RoleBindingStrategy implements ResourceStrategy {
  static final String RBAC_GROUP = "rbac.authorization.k8s.io";

  private final boolean clusterWide;

  RoleBindingStrategy(boolean clusterWide) {
    this.clusterWide = clusterWide;
  }

  @Override
  public NameRule nameRule() {
    return NameRule.PATH_SEGMENT;
  }

  @Override
  public void applyDefaults(ObjectNode o) {
    Nodes.defaultText(Nodes.object(o, "roleRef"), "apiGroup", RBAC_GROUP);
    for (ObjectNode subject : Nodes.objects(o, "subjects")) {
      if (Nodes.text(subject, "apiGroup").isEmpty()) {
        switch (Nodes.text(subject, "kind")) {
          case "User", "Group" -> subject.put("apiGroup", RBAC_GROUP);
          case "ServiceAccount" -> subject.put("apiGroup", "");
          default -> {}
        }
      }
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode o) {
    List<FieldError> out = new ArrayList<>();
    JsonNode ref = o.path("roleRef");
    String group = Nodes.text(ref, "apiGroup");
    if (!group.equals(RBAC_GROUP)) {
      out.add(FieldError.notSupported("roleRef.apiGroup", group, List.of(RBAC_GROUP)));
    }
    String kind = Nodes.text(ref, "kind");
    List<String> kinds = clusterWide ? List.of("ClusterRole") : List.of("Role", "ClusterRole");
    if (!kinds.contains(kind)) {
      out.add(FieldError.notSupported("roleRef.kind", kind, kinds));
    }
    String name = Nodes.text(ref, "name");
    if (name.isEmpty()) {
      out.add(FieldError.required("roleRef.name", ""));
    } else {
      for (String m : Validation.pathSegmentName(name)) {
        out.add(FieldError.invalid("roleRef.name", name, m));
      }
    }
    int i = 0;
    for (JsonNode subject : o.path("subjects")) {
      validateSubject(subject, "subjects[" + i++ + "]", out);
    }
    return out;
  }

  private void validateSubject(JsonNode s, String path, List<FieldError> out) {
    String name = Nodes.text(s, "name");
    if (name.isEmpty()) {
      out.add(FieldError.required(path + ".name", ""));
    }
    String group = Nodes.text(s, "apiGroup");
    String kind = Nodes.text(s, "kind");
    switch (kind) {
      case "ServiceAccount" -> {
        if (!name.isEmpty()) {
          for (String m : Validation.dns1123Subdomain(name)) {
            out.add(FieldError.invalid(path + ".name", name, m));
          }
        }
        if (!group.isEmpty()) {
          out.add(FieldError.notSupported(path + ".apiGroup", group, List.of("")));
        }
        if (clusterWide && Nodes.text(s, "namespace").isEmpty()) {
          out.add(FieldError.required(path + ".namespace", ""));
        }
      }
      case "User", "Group" -> {
        if (!group.equals(RBAC_GROUP)) {
          out.add(FieldError.notSupported(path + ".apiGroup", group, List.of(RBAC_GROUP)));
        }
      }
      default ->
          out.add(
              FieldError.notSupported(
                  path + ".kind", kind, List.of("ServiceAccount", "User", "Group")));
    }
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode o, ObjectNode old) {
    JsonNode ref = o.path("roleRef");
    JsonNode oldRef = old.path("roleRef");
    for (String f : List.of("apiGroup", "kind", "name")) {
      if (!Nodes.text(ref, f).equals(Nodes.text(oldRef, f))) {
        return List.of(
            Validation.invalidRaw(
                "roleRef",
                "rbac.RoleRef{APIGroup:"
                    + GoValues.quote(Nodes.text(ref, "apiGroup"))
                    + ", Kind:"
                    + GoValues.quote(Nodes.text(ref, "kind"))
                    + ", Name:"
                    + GoValues.quote(Nodes.text(ref, "name"))
                    + "}",
                "cannot change roleRef"));
      }
    }
    return List.of();
  }
}
