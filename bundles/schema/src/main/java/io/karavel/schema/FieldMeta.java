package io.karavel.schema;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Merge facts of one field of a structure: its strategic-merge-patch strategy and merge key, and
 * its server-side-apply list type and list map keys. The model classes do not carry these; they are
 * Kubernetes' own ({@code patchStrategy}/{@code patchMergeKey} struct tags, {@code +listType}
 * markers).
 *
 * @param patchStrategies the strategies; empty means the default (replace lists, merge maps)
 * @param patchMergeKey the key that identifies items of a merged list of objects, or null
 * @param listType the list type for lists, null for fields that are not lists
 * @param listMapKeys the keys that identify items of a {@link ListType#MAP} list
 */
public record FieldMeta(
    Set<PatchStrategy> patchStrategies,
    String patchMergeKey,
    ListType listType,
    List<String> listMapKeys) {

  /** The facts of a field nobody said anything about. */
  public static final FieldMeta DEFAULT = new FieldMeta(Set.of(), null, null, List.of());

  /** The facts of a list nobody said anything about: atomic, replaced by patches. */
  public static final FieldMeta ATOMIC_LIST =
      new FieldMeta(Set.of(), null, ListType.ATOMIC, List.of());

  public FieldMeta {
    patchStrategies = Set.copyOf(patchStrategies);
    listMapKeys = List.copyOf(listMapKeys);
  }

  /** Whether strategic merge patch merges this list instead of replacing it. */
  public boolean mergeList() {
    return patchStrategies.contains(PatchStrategy.MERGE);
  }

  /** Whether strategic merge patch clears keys of this object absent from the patch. */
  public boolean retainKeys() {
    return patchStrategies.contains(PatchStrategy.RETAIN_KEYS);
  }

  /**
   * The strategies as written in {@code x-kubernetes-patch-strategy}, e.g. {@code
   * merge,retainKeys}, or null when there are none.
   */
  public String patchStrategyValue() {
    if (patchStrategies.isEmpty()) {
      return null;
    }
    return java.util.Arrays.stream(PatchStrategy.values())
        .filter(patchStrategies::contains)
        .map(PatchStrategy::value)
        .collect(Collectors.joining(","));
  }
}
