package io.karavel.admission.priority.internal;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.util.List;
import java.util.Optional;

/** Where admission reads PriorityClasses from. */
interface PriorityClassLookup {

  /** The class of that name, if it exists. */
  Optional<PriorityClass> get(String name);

  /** Every class. */
  List<PriorityClass> list();
}
