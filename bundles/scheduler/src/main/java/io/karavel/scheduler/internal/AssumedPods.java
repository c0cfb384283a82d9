package io.karavel.scheduler.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod the cache counts once assumed: the informer's pod with {@code spec.nodeName} set.
 *
 * <p>The copy is shallow: a new {@link PodSpec} holding the same field values as the original
 * (containers, volumes, affinity and the rest are shared) and a new {@link Pod} around it with the
 * original metadata and status. Objects from the informer's cache are never modified, so sharing
 * them is safe; fabric8's builders copied the whole object graph instead, which cost a sixth of the
 * scheduling thread's CPU per pod. Every instance field of {@code PodSpec} is copied, found by
 * reflection once, so a field added by a newer fabric8 model is not silently dropped.
 */
final class AssumedPods {
  private static final Field[] SPEC_FIELDS = instanceFields(PodSpec.class);

  private AssumedPods() {}

  static Pod boundTo(Pod pod, String node) {
    PodSpec spec = new PodSpec();
    PodSpec from = pod.getSpec();
    if (from != null) {
      try {
        for (Field f : SPEC_FIELDS) {
          f.set(spec, f.get(from));
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot copy PodSpec." + e.getMessage(), e);
      }
      // The only mutable container a caller might write to: give the copy its own.
      spec.setAdditionalProperties(new LinkedHashMap<>(from.getAdditionalProperties()));
    }
    spec.setNodeName(node);
    Pod copy =
        new Pod(pod.getApiVersion(), pod.getKind(), pod.getMetadata(), spec, pod.getStatus());
    Map<String, Object> extra = pod.getAdditionalProperties();
    if (!extra.isEmpty()) {
      copy.setAdditionalProperties(new LinkedHashMap<>(extra));
    }
    return copy;
  }

  private static Field[] instanceFields(Class<?> type) {
    List<Field> fields = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers())) {
          f.setAccessible(true);
          fields.add(f);
        }
      }
    }
    return fields.toArray(Field[]::new);
  }
}
