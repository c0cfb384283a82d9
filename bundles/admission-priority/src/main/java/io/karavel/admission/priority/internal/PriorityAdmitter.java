package io.karavel.admission.priority.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.karavel.apiserver.spi.admission.AdmissionException;
import io.karavel.apiserver.spi.admission.AdmissionRequest;
import io.karavel.apiserver.spi.admission.Operation;
import java.util.Optional;

/**
 * Upstream's Priority admission, without I/O. On pod create: a named class gives {@code
 * spec.priority} and {@code spec.preemptionPolicy}; without a name the global default class (the
 * lowest value if several claim it) gives them and its name, else priority 0 and
 * PreemptLowerPriority; an unknown class, or a priority or policy set in the pod that disagrees, is
 * forbidden. On pod update, a priority or policy dropped by the client is kept. On PriorityClass
 * create or update, a second global default is forbidden.
 */
final class PriorityAdmitter {
  static final String PREEMPT_LOWER = "PreemptLowerPriority";

  private final PriorityClassLookup classes;

  PriorityAdmitter(PriorityClassLookup classes) {
    this.classes = classes;
  }

  void admit(AdmissionRequest r) {
    if (!r.subresource().isEmpty()) {
      return;
    }
    if (r.group().isEmpty() && "pods".equals(r.resource())) {
      if (r.operation() == Operation.CREATE) {
        admitPodCreate(r);
      } else if (r.operation() == Operation.UPDATE) {
        keepPriorityOnUpdate(r);
      }
    } else if ("scheduling.k8s.io".equals(r.group())
        && "priorityclasses".equals(r.resource())
        && (r.operation() == Operation.CREATE || r.operation() == Operation.UPDATE)) {
      checkOneGlobalDefault(r);
    }
  }

  private void admitPodCreate(AdmissionRequest r) {
    ObjectNode spec = r.object().with("spec");
    String className = text(spec.get("priorityClassName"));
    int priority;
    String policy;
    if (className.isEmpty()) {
      PriorityClass dflt = globalDefault(null);
      if (dflt != null) {
        className = dflt.getMetadata().getName();
        priority = value(dflt);
        policy = policy(dflt);
        spec.put("priorityClassName", className);
      } else {
        priority = 0;
        policy = PREEMPT_LOWER;
      }
    } else {
      Optional<PriorityClass> pc = classes.get(className);
      if (pc.isEmpty()) {
        throw forbidden(r, "no PriorityClass with name " + className + " was found");
      }
      priority = value(pc.get());
      policy = policy(pc.get());
    }
    JsonNode given = spec.get("priority");
    if (given != null && !given.isNull() && given.asLong() != priority) {
      throw forbidden(
          r,
          "the integer value of priority ("
              + given.asLong()
              + ") must not be provided in pod spec; priority admission controller computed "
              + priority
              + " from the given PriorityClass name");
    }
    spec.put("priority", priority);
    String givenPolicy = text(spec.get("preemptionPolicy"));
    if (!givenPolicy.isEmpty() && !givenPolicy.equals(policy)) {
      throw forbidden(
          r,
          "the string value of PreemptionPolicy ("
              + givenPolicy
              + ") must not be provided in pod spec; priority admission controller computed "
              + policy
              + " from the given PriorityClass name");
    }
    spec.put("preemptionPolicy", policy);
  }

  private static void keepPriorityOnUpdate(AdmissionRequest r) {
    if (r.object() == null || r.oldObject() == null) {
      return;
    }
    ObjectNode spec = r.object().with("spec");
    JsonNode old = r.oldObject().path("spec");
    for (String field : new String[] {"priority", "preemptionPolicy"}) {
      JsonNode now = spec.get(field);
      if ((now == null || now.isNull()) && old.hasNonNull(field)) {
        spec.set(field, old.get(field).deepCopy());
      }
    }
  }

  private void checkOneGlobalDefault(AdmissionRequest r) {
    if (r.object() == null || !r.object().path("globalDefault").asBoolean(false)) {
      return;
    }
    String name = r.object().path("metadata").path("name").asText();
    PriorityClass other = globalDefault(name);
    if (other != null) {
      throw forbidden(
          r,
          "PriorityClass "
              + other.getMetadata().getName()
              + " is already marked as default. Only one default can exist");
    }
  }

  /** The global default class (lowest value wins), ignoring the class named {@code except}. */
  private PriorityClass globalDefault(String except) {
    PriorityClass best = null;
    for (PriorityClass pc : classes.list()) {
      if (Boolean.TRUE.equals(pc.getGlobalDefault())
          && !pc.getMetadata().getName().equals(except)
          && (best == null || value(pc) < value(best))) {
        best = pc;
      }
    }
    return best;
  }

  private static int value(PriorityClass pc) {
    return pc.getValue() == null ? 0 : pc.getValue();
  }

  private static String policy(PriorityClass pc) {
    String p = pc.getPreemptionPolicy();
    return p == null || p.isEmpty() ? PREEMPT_LOWER : p;
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? "" : n.asText();
  }

  /** Upstream's admission Forbidden: {@code <resource> "<name>" is forbidden: <why>}. */
  private static AdmissionException forbidden(AdmissionRequest r, String why) {
    String resource = r.group().isEmpty() ? r.resource() : r.resource() + "." + r.group();
    return new AdmissionException(resource + " \"" + r.name() + "\" is forbidden: " + why);
  }
}
