package io.karavel.scheduler.spi;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the framework running a cycle offers the plugins of that cycle (upstream's framework
 * handle), reached through {@link CycleState#framework()}: the profile's Filter plugins and
 * PreFilter extensions for "what if" evaluations, and the pods nominated to nodes by preemption.
 * Preemption (a PostFilter plugin) is built on it without knowing the scheduler's internals.
 *
 * @since 1.1
 */
@ProviderType
public interface FrameworkHandle {

  /** The schedulerName of the profile running the cycle. */
  String profileName();

  /**
   * Runs the profile's Filter plugins (except those skipped for the cycle in {@code state}) on
   * {@code node}, taking nominated pods into account as upstream does: if pods of equal or higher
   * priority than {@code pod} are nominated to the node, the filters run once with them added (to
   * the node and, through the PreFilter extensions, to a copy of {@code state}) and, if that
   * passes, once without them. Does not modify {@code state}.
   *
   * @return success if the pod fits both ways, otherwise the first failing plugin's status
   */
  Status runFilterPluginsWithNominatedPods(CycleState state, PodInfo pod, NodeInfo node);

  /**
   * Calls {@link PreFilterExtensions#addPod} of every PreFilter plugin of the profile that has
   * extensions and was not skipped, in order, on {@code state}.
   *
   * @return success, or the first non-success status
   */
  Status runPreFilterExtensionAddPod(
      CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node);

  /**
   * Calls {@link PreFilterExtensions#removePod} of every PreFilter plugin of the profile that has
   * extensions and was not skipped, in order, on {@code state}.
   *
   * @return success, or the first non-success status
   */
  Status runPreFilterExtensionRemovePod(
      CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node);

  /**
   * The pods not yet bound that are nominated to {@code nodeName} ({@code status.nominatedNodeName}
   * or a nomination made in this scheduler), in no particular order; empty if none.
   */
  List<PodInfo> nominatedPodsForNode(String nodeName);
}
