package io.karavel.api.apps.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.api.common.internal.Nodes;
import io.karavel.api.common.internal.Validation;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;

/** apps/v1 ControllerRevision validation: data is required and never changes. */
final class ControllerRevisionStrategy implements ResourceStrategy {

  @Override
  public List<FieldError> validate(ObjectNode o) {
    List<FieldError> out = new ArrayList<>();
    if (Nodes.unset(o, "data")) {
      out.add(FieldError.required("data", "data is mandatory"));
    }
    Validation.nonNegative(o, "revision", "revision", out);
    return out;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode o, ObjectNode old) {
    List<FieldError> out = new ArrayList<>();
    Validation.immutable(
        o.get("data"), old.get("data"), "data", String.valueOf(o.get("data")), out);
    return out;
  }
}
