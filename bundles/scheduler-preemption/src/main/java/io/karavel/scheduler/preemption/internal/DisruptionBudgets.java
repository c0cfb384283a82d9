package io.karavel.scheduler.preemption.internal;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.karavel.client.LabelSelectors;
import io.karavel.scheduler.spi.PodInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which would-be victims violate a PodDisruptionBudget, as upstream's preemption counts them: every
 * budget of the pod's namespace whose (non-empty) selector matches the pod's labels loses one
 * allowed disruption per matching victim, unless the pod is already listed among its disrupted
 * pods; a victim that takes any budget below zero violates it.
 */
final class DisruptionBudgets {
  private DisruptionBudgets() {}

  /** The pods split into violating and non-violating, each keeping the order given. */
  record Split(List<PodInfo> violating, List<PodInfo> nonViolating) {}

  static Split split(List<PodInfo> pods, List<PodDisruptionBudget> pdbs) {
    int[] allowed = new int[pdbs.size()];
    for (int i = 0; i < pdbs.size(); i++) {
      PodDisruptionBudget p = pdbs.get(i);
      Integer a = p.getStatus() == null ? null : p.getStatus().getDisruptionsAllowed();
      allowed[i] = a == null ? 0 : a;
    }
    List<PodInfo> violating = new ArrayList<>();
    List<PodInfo> nonViolating = new ArrayList<>();
    for (PodInfo pod : pods) {
      boolean violates = false;
      Map<String, String> labels = pod.pod().getMetadata().getLabels();
      if (labels != null && !labels.isEmpty()) {
        for (int i = 0; i < pdbs.size(); i++) {
          PodDisruptionBudget pdb = pdbs.get(i);
          if (!Objects.equals(
              pdb.getMetadata().getNamespace(), pod.pod().getMetadata().getNamespace())) {
            continue;
          }
          LabelSelector selector = pdb.getSpec() == null ? null : pdb.getSpec().getSelector();
          if (isEmpty(selector) || !LabelSelectors.matches(selector, labels)) {
            continue;
          }
          Map<String, String> disrupted =
              pdb.getStatus() == null ? null : pdb.getStatus().getDisruptedPods();
          if (disrupted != null && disrupted.containsKey(pod.pod().getMetadata().getName())) {
            continue;
          }
          allowed[i]--;
          if (allowed[i] < 0) {
            violates = true;
          }
        }
      }
      (violates ? violating : nonViolating).add(pod);
    }
    return new Split(violating, nonViolating);
  }

  static boolean isEmpty(LabelSelector s) {
    return s == null
        || ((s.getMatchLabels() == null || s.getMatchLabels().isEmpty())
            && (s.getMatchExpressions() == null || s.getMatchExpressions().isEmpty()));
  }
}
