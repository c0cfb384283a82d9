package io.karavel.scheduler.preemption.internal;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.karavel.client.KubeClientProvider;
import io.karavel.scheduler.spi.ConfigurablePlugin;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.FrameworkHandle;
import io.karavel.scheduler.spi.Plugin;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.PostFilterPlugin;
import io.karavel.scheduler.spi.PostFilterResult;
import io.karavel.scheduler.spi.SchedulerHandle;
import io.karavel.scheduler.spi.Status;
import io.karavel.scheduler.spi.WaitingPod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstream's DefaultPreemption PostFilter plugin: when no node fits a pod, finds nodes where
 * evicting lower-priority pods makes it fit, picks one in upstream's order, evicts the victims
 * through the API ({@code DisruptionTarget} condition, deletion, {@code Preempted} event), clears
 * the nomination of lower-priority pods nominated to that node, and nominates the node. The pod is
 * scheduled in a later cycle once the victims are gone (their deletions requeue it).
 *
 * <p>Arguments ({@code args.DefaultPreemption.<key>}): {@code minCandidateNodesPercentage} (10),
 * {@code minCandidateNodesAbsolute} (100).
 */
@Component(service = Plugin.class, property = Plugin.NAME + "=" + DefaultPreemption.NAME)
public final class DefaultPreemption implements PostFilterPlugin, ConfigurablePlugin {
  public static final String NAME = "DefaultPreemption";
  private static final Logger LOG = LoggerFactory.getLogger(DefaultPreemption.class);

  private final PreemptionApi api;
  private final Supplier<SchedulerHandle> scheduler;
  private final Preemptor preemptor;

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile SchedulerHandle schedulerHandle;

  @Activate
  public DefaultPreemption(@Reference KubeClientProvider clients) {
    this.api = new ClientPreemptionApi(clients);
    this.scheduler = () -> schedulerHandle;
    this.preemptor = new Preemptor(PreemptionArgs.DEFAULTS, DefaultPreemption::randomOffset);
  }

  /**
   * A plugin over any {@link PreemptionApi} (tests, tools).
   *
   * @param offset where the dry run starts among n potential nodes
   */
  public DefaultPreemption(
      PreemptionApi api,
      Supplier<SchedulerHandle> scheduler,
      Map<String, String> args,
      IntUnaryOperator offset) {
    this.api = api;
    this.scheduler = scheduler;
    this.preemptor = new Preemptor(PreemptionArgs.parse(args), offset);
  }

  private static int randomOffset(int n) {
    return ThreadLocalRandom.current().nextInt(n);
  }

  @Override
  public Plugin withArgs(Map<String, String> args) {
    return new DefaultPreemption(api, scheduler, args, DefaultPreemption::randomOffset);
  }

  @Override
  public PostFilterResult postFilter(
      CycleState state, PodInfo pod, Map<String, Status> filteredNodeStatus) {
    FrameworkHandle fw = state.framework();
    if (fw == null) {
      return PostFilterResult.of(Status.error("DefaultPreemption needs the framework handle"));
    }
    String notEligible = Preemptor.notEligible(pod, state.snapshot(), filteredNodeStatus);
    if (notEligible != null) {
      return PostFilterResult.of(Status.unschedulable("preemption: " + notEligible));
    }
    List<PodDisruptionBudget> pdbs;
    try {
      pdbs = api.podDisruptionBudgets();
    } catch (RuntimeException e) {
      return PostFilterResult.of(Status.error(e));
    }
    Preemptor.DryRun run = preemptor.dryRun(state, pod, filteredNodeStatus, pdbs, fw);
    Candidate best = Preemptor.pickOne(run.candidates());
    if (best == null) {
      if (!run.helpful() && Preemptor.nominatedNode(pod) != null) {
        try {
          api.clearNomination(pod.pod());
        } catch (RuntimeException e) {
          LOG.warn("could not clear the nomination of {}", pod.key(), e);
        }
      }
      return PostFilterResult.of(
          Status.unschedulable(
              "preemption: "
                  + Preemptor.fitMessage(state.snapshot().nodes().size(), run.nodeStatuses())));
    }
    try {
      prepare(fw, pod, best);
    } catch (RuntimeException e) {
      LOG.warn("preemption for {} on {} failed", pod.key(), best.node(), e);
      return PostFilterResult.of(Status.error(e));
    }
    return new PostFilterResult(Status.success(), best.node());
  }

  /** Evicts the victims and takes the node from lower-priority pods nominated to it. */
  private void prepare(FrameworkHandle fw, PodInfo pod, Candidate c) {
    SchedulerHandle handle = scheduler.get();
    for (PodInfo victim : c.victims()) {
      Optional<WaitingPod> waiting =
          handle == null ? Optional.empty() : handle.waitingPod(victim.uid());
      if (waiting.isPresent()) {
        waiting.get().reject(NAME, "preempted");
      } else {
        api.preempt(victim.pod(), pod.pod(), c.node(), fw.profileName());
      }
      LOG.info(
          "preempted {} (priority {}) on {} for {} (priority {})",
          victim.key(),
          victim.priority(),
          c.node(),
          pod.key(),
          pod.priority());
    }
    for (PodInfo p : fw.nominatedPodsForNode(c.node())) {
      if (p.priority() < pod.priority() && !p.uid().equals(pod.uid())) {
        api.clearNomination(p.pod());
      }
    }
  }
}
