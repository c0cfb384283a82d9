package io.karavel.shell.internal;

import java.util.List;

/**
 * How {@code kube:get} decorates a server-side Table, following kubectl's flags.
 *
 * @param wide {@code -o wide}: also the columns of priority above 0
 * @param withNamespace {@code -A} on a namespaced type: a NAMESPACE column first
 * @param showLabels {@code --show-labels}: a LABELS column last
 * @param labelColumns {@code -L}: one column per label key
 * @param kindPrefix prefix of the name column ({@code deployment.apps/web}), or null
 * @param noHeaders {@code --no-headers}
 */
record TableOptions(
    boolean wide,
    boolean withNamespace,
    boolean showLabels,
    List<String> labelColumns,
    String kindPrefix,
    boolean noHeaders) {

  TableOptions {
    labelColumns = List.copyOf(labelColumns);
  }

  static TableOptions plain() {
    return new TableOptions(false, false, false, List.of(), null, false);
  }
}
