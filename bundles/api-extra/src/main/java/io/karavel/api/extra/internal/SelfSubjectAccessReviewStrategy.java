package io.karavel.api.extra.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.api.common.internal.GoValues;
import io.karavel.api.common.internal.Nodes;
import io.karavel.api.common.internal.Validation;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.List;

/** A review asks about exactly one of a resource or a non-resource request. */
final class SelfSubjectAccessReviewStrategy implements ResourceStrategy {

  @Override
  public List<FieldError> validate(ObjectNode o) {
    boolean resource = !Nodes.unset(o.path("spec"), "resourceAttributes");
    boolean nonResource = !Nodes.unset(o.path("spec"), "nonResourceAttributes");
    if (resource && nonResource) {
      return List.of(
          Validation.invalidRaw(
              "spec.nonResourceAttributes",
              "authorization.NonResourceAttributes{Path:"
                  + GoValues.quote(Nodes.text(o.at("/spec/nonResourceAttributes"), "path"))
                  + ", Verb:"
                  + GoValues.quote(Nodes.text(o.at("/spec/nonResourceAttributes"), "verb"))
                  + "}",
              "cannot be specified in combination with resourceAttributes"));
    }
    if (!resource && !nonResource) {
      return List.of(
          FieldError.invalid(
              "spec.resourceAttributes",
              "null",
              "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
    }
    return List.of();
  }
}
