package io.karavel.scheduler.preemption.internal;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.karavel.scheduler.spi.Code;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.FrameworkHandle;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.Status;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;
import java.util.function.ToLongFunction;

/**
 * The decision part of preemption, without I/O: whether the pod may preempt, the dry run that finds
 * candidate nodes and their minimal victims, and the choice among candidates, each as upstream's
 * default preemption evaluator behaves.
 */
final class Preemptor {
  static final String NO_VICTIMS = "No preemption victims found for incoming pod";
  static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";
  static final String POLICY_NEVER = "not eligible due to preemptionPolicy=Never.";
  static final String TERMINATING = "not eligible due to a terminating pod on the nominated node.";

  /** Pods without a start time count as started now: later than any that started. */
  private static final Instant NOT_STARTED = Instant.parse("9999-12-31T23:59:59Z");

  /** Most important first: higher priority, then the earlier start. */
  static final Comparator<PodInfo> MORE_IMPORTANT_FIRST =
      ((Comparator<PodInfo>) (a, b) -> Integer.compare(b.priority(), a.priority()))
          .thenComparing(Preemptor::startTime);

  /** The outcome of a dry run: candidates and why the other nodes were not candidates. */
  record DryRun(List<Candidate> candidates, Map<String, Status> nodeStatuses, boolean helpful) {}

  private final PreemptionArgs args;
  private final IntUnaryOperator offset;

  /**
   * @param offset picks the node the dry run starts at, given the number of potential nodes
   *     (upstream starts at a random one to spread preemption)
   */
  Preemptor(PreemptionArgs args, IntUnaryOperator offset) {
    this.args = args;
    this.offset = offset;
  }

  /**
   * Why the pod may not preempt, or null if it may: never with {@code preemptionPolicy: Never}; not
   * again while a lower-priority pod on its nominated node is still terminating (a previous
   * preemption is under way), unless that node now rejects the pod for good.
   */
  static String notEligible(PodInfo pod, NodeSnapshot snapshot, Map<String, Status> nodeStatus) {
    if (pod.pod().getSpec() != null && "Never".equals(pod.pod().getSpec().getPreemptionPolicy())) {
      return POLICY_NEVER;
    }
    String nominated = nominatedNode(pod);
    if (nominated != null) {
      Status s = nodeStatus.get(nominated);
      if (s != null && s.code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE) {
        return null;
      }
      NodeInfo n = snapshot.get(nominated);
      if (n != null) {
        for (PodInfo p : n.pods()) {
          if (p.pod().getMetadata().getDeletionTimestamp() != null
              && p.priority() < pod.priority()) {
            return TERMINATING;
          }
        }
      }
    }
    return null;
  }

  /** The pod's {@code status.nominatedNodeName}, or null when it has none. */
  static String nominatedNode(PodInfo pod) {
    String n = pod.pod().getStatus() == null ? null : pod.pod().getStatus().getNominatedNodeName();
    return n == null || n.isEmpty() ? null : n;
  }

  /**
   * Looks for candidate nodes among those that rejected the pod as unschedulable (not
   * unschedulable-and-unresolvable), starting at an offset and stopping once at least one candidate
   * violates no PodDisruptionBudget and {@link PreemptionArgs#numCandidates} are found. Candidates
   * without violations come first.
   */
  DryRun dryRun(
      CycleState state,
      PodInfo pod,
      Map<String, Status> nodeStatus,
      List<PodDisruptionBudget> pdbs,
      FrameworkHandle fw) {
    Map<String, Status> statuses = new LinkedHashMap<>();
    List<NodeInfo> potential = new ArrayList<>();
    for (NodeInfo n : state.snapshot().nodes()) {
      Status s = nodeStatus.get(n.name());
      if (s != null && s.code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE) {
        statuses.put(n.name(), Status.unresolvable(NOT_HELPFUL));
      } else {
        potential.add(n);
      }
    }
    if (potential.isEmpty()) {
      return new DryRun(List.of(), statuses, false);
    }
    int want = args.numCandidates(potential.size());
    int start = Math.floorMod(offset.applyAsInt(potential.size()), potential.size());
    List<Candidate> nonViolating = new ArrayList<>();
    List<Candidate> violating = new ArrayList<>();
    for (int i = 0; i < potential.size(); i++) {
      NodeInfo node = potential.get((start + i) % potential.size());
      Object r = selectVictimsOnNode(state.copy(), pod, node, pdbs, fw);
      if (r instanceof Candidate c) {
        (c.pdbViolations() == 0 ? nonViolating : violating).add(c);
        if (!nonViolating.isEmpty() && nonViolating.size() + violating.size() >= want) {
          break;
        }
      } else {
        statuses.put(node.name(), (Status) r);
      }
    }
    List<Candidate> all = new ArrayList<>(nonViolating);
    all.addAll(violating);
    return new DryRun(all, statuses, true);
  }

  /**
   * Upstream's SelectVictimsOnNode: removes every lower-priority pod, checks that the pod then fits
   * (filters with nominated pods, PreFilter state updated through RemovePod), and reprieves the
   * removed pods from the most important down — PDB-violating ones first — keeping each one that
   * still lets the pod fit.
   *
   * @return a {@link Candidate}, or the {@link Status} explaining why the node is none
   */
  static Object selectVictimsOnNode(
      CycleState state,
      PodInfo pod,
      NodeInfo nodeInfo,
      List<PodDisruptionBudget> pdbs,
      FrameworkHandle fw) {
    List<PodInfo> potential = new ArrayList<>();
    for (PodInfo p : nodeInfo.pods()) {
      if (p.priority() < pod.priority()) {
        potential.add(p);
      }
    }
    if (potential.isEmpty()) {
      return Status.unresolvable(NO_VICTIMS);
    }
    NodeInfo[] node = {nodeInfo};
    for (PodInfo p : potential) {
      node[0] = node[0].withoutPod(p.uid(), node[0].generation() + 1);
      Status s = fw.runPreFilterExtensionRemovePod(state, pod, p, node[0]);
      if (!s.isSuccess()) {
        return s;
      }
    }
    Status fits = fw.runFilterPluginsWithNominatedPods(state, pod, node[0]);
    if (!fits.isSuccess()) {
      return fits;
    }
    potential.sort(MORE_IMPORTANT_FIRST);
    DisruptionBudgets.Split split = DisruptionBudgets.split(potential, pdbs);
    List<PodInfo> victims = new ArrayList<>();
    int violations = 0;
    for (PodInfo p : split.violating()) {
      Object r = reprieve(state, pod, p, node, fw);
      if (r instanceof Status s) {
        return s;
      }
      if (!(Boolean) r) {
        victims.add(p);
        violations++;
      }
    }
    for (PodInfo p : split.nonViolating()) {
      Object r = reprieve(state, pod, p, node, fw);
      if (r instanceof Status s) {
        return s;
      }
      if (!(Boolean) r) {
        victims.add(p);
      }
    }
    victims.sort(MORE_IMPORTANT_FIRST);
    return new Candidate(nodeInfo.name(), victims, violations);
  }

  /** Puts {@code p} back; returns true if the pod still fits, false (and removes it) if not. */
  private static Object reprieve(
      CycleState state, PodInfo pod, PodInfo p, NodeInfo[] node, FrameworkHandle fw) {
    node[0] = node[0].withPod(p, node[0].generation() + 1);
    Status s = fw.runPreFilterExtensionAddPod(state, pod, p, node[0]);
    if (!s.isSuccess()) {
      return s;
    }
    if (fw.runFilterPluginsWithNominatedPods(state, pod, node[0]).isSuccess()) {
      return Boolean.TRUE;
    }
    node[0] = node[0].withoutPod(p.uid(), node[0].generation() + 1);
    s = fw.runPreFilterExtensionRemovePod(state, pod, p, node[0]);
    return s.isSuccess() ? Boolean.FALSE : s;
  }

  /**
   * Upstream's pickOneNodeForPreemption: keeps the candidates with the fewest PDB violations, then
   * the lowest highest-victim priority, then the smallest sum of victim priorities, then the fewest
   * victims, then the latest start among each node's highest-priority victims; the first left wins.
   */
  static Candidate pickOne(List<Candidate> candidates) {
    if (candidates.isEmpty()) {
      return null;
    }
    List<Candidate> left = candidates;
    left = keepMin(left, Candidate::pdbViolations);
    left =
        keepMin(left, c -> c.victims().isEmpty() ? Long.MIN_VALUE : c.victims().get(0).priority());
    left = keepMin(left, Preemptor::sumOfPriorities);
    left = keepMin(left, c -> c.victims().size());
    left = keepMin(left, c -> -earliestStartOfHighestPriority(c).toEpochMilli());
    return left.get(0);
  }

  private static List<Candidate> keepMin(List<Candidate> in, ToLongFunction<Candidate> score) {
    if (in.size() == 1) {
      return in;
    }
    long min = Long.MAX_VALUE;
    for (Candidate c : in) {
      min = Math.min(min, score.applyAsLong(c));
    }
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : in) {
      if (score.applyAsLong(c) == min) {
        out.add(c);
      }
    }
    return out;
  }

  /** The sum of the victims' priorities, each shifted by 2^31 so negative priorities count up. */
  static long sumOfPriorities(Candidate c) {
    long sum = 0;
    for (PodInfo p : c.victims()) {
      sum += (long) p.priority() + Integer.MAX_VALUE + 1;
    }
    return sum;
  }

  /** The earliest start among the victims of the highest priority (now if none started). */
  static Instant earliestStartOfHighestPriority(Candidate c) {
    if (c.victims().isEmpty()) {
      return NOT_STARTED;
    }
    int highest = c.victims().get(0).priority();
    Instant earliest = NOT_STARTED;
    for (PodInfo p : c.victims()) {
      if (p.priority() == highest && startTime(p).isBefore(earliest)) {
        earliest = startTime(p);
      }
    }
    return earliest;
  }

  static Instant startTime(PodInfo p) {
    String t = p.pod().getStatus() == null ? null : p.pod().getStatus().getStartTime();
    if (t == null || t.isEmpty()) {
      return NOT_STARTED;
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      return NOT_STARTED;
    }
  }

  /** Upstream's FitError text over {@code numAllNodes}: reasons counted and sorted. */
  static String fitMessage(int numAllNodes, Map<String, Status> statuses) {
    Map<String, Integer> histogram = new TreeMap<>();
    for (Status s : statuses.values()) {
      for (String reason : s.reasons()) {
        histogram.merge(reason, 1, Integer::sum);
      }
    }
    List<String> parts = new ArrayList<>();
    histogram.forEach((reason, count) -> parts.add(count + " " + reason));
    parts.sort(null);
    return "0/" + numAllNodes + " nodes are available: " + String.join(", ", parts) + ".";
  }
}
