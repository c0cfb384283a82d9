package io.karavel.apiserver.internal;

import io.karavel.apiserver.spi.admission.AdmissionException;
import io.karavel.apiserver.spi.admission.AdmissionRequest;
import io.karavel.apiserver.spi.admission.MutatingAdmissionPlugin;
import io.karavel.apiserver.spi.admission.ValidatingAdmissionPlugin;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the configured admission plugins in order. A plugin that is configured but not installed
 * refuses every write (fail closed), as a missing admission plugin must not silently let writes
 * through.
 */
final class Admission {

  private final Supplier<List<NamedPlugin<MutatingAdmissionPlugin>>> mutating;
  private final Supplier<List<NamedPlugin<ValidatingAdmissionPlugin>>> validating;

  /** A configured plugin name and the service bound to it, or null if none is installed. */
  record NamedPlugin<T>(String name, T plugin) {}

  Admission(
      Supplier<List<NamedPlugin<MutatingAdmissionPlugin>>> mutating,
      Supplier<List<NamedPlugin<ValidatingAdmissionPlugin>>> validating) {
    this.mutating = mutating;
    this.validating = validating;
  }

  void mutate(AdmissionRequest request) {
    for (NamedPlugin<MutatingAdmissionPlugin> p : mutating.get()) {
      if (p.plugin() == null) {
        throw missing(p.name());
      }
      try {
        p.plugin().admit(request);
      } catch (AdmissionException e) {
        throw refused(p.name(), e);
      }
    }
  }

  void validate(AdmissionRequest request) {
    for (NamedPlugin<ValidatingAdmissionPlugin> p : validating.get()) {
      if (p.plugin() == null) {
        throw missing(p.name());
      }
      try {
        p.plugin().validate(request);
      } catch (AdmissionException e) {
        throw refused(p.name(), e);
      }
    }
  }

  private static ApiException missing(String name) {
    return ApiException.internal("admission plugin \"" + name + "\" is configured but not running");
  }

  private static ApiException refused(String name, AdmissionException e) {
    return new ApiException(e.code(), e.reason(), e.getMessage());
  }
}
