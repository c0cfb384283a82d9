package io.karavel.scheduler.spi;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.List;

/**
 * A pod with what the scheduler derives from it once, when the pod enters the cache or the queue:
 * its requests, host ports and pod (anti-)affinity terms. Immutable as long as nobody modifies the
 * fabric8 {@link Pod} it wraps (plugins must not).
 */
public final class PodInfo {
  private final Pod pod;
  private final Resources requests;
  private final Resources nonZeroRequests;
  private final List<HostPort> hostPorts;
  private final List<PodAffinityTerm> requiredAffinity;
  private final List<PodAffinityTerm> requiredAntiAffinity;
  private final List<WeightedPodAffinityTerm> preferredAffinity;
  private final List<WeightedPodAffinityTerm> preferredAntiAffinity;

  private PodInfo(Pod pod) {
    this.pod = pod;
    this.requests = Resources.podRequests(pod, false);
    this.nonZeroRequests = Resources.podRequests(pod, true);
    this.hostPorts = hostPortsOf(pod);
    Affinity a = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
    if (a != null && a.getPodAffinity() != null) {
      requiredAffinity =
          nullSafe(a.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
      preferredAffinity =
          nullSafe(a.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution());
    } else {
      requiredAffinity = List.of();
      preferredAffinity = List.of();
    }
    if (a != null && a.getPodAntiAffinity() != null) {
      requiredAntiAffinity =
          nullSafe(a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
      preferredAntiAffinity =
          nullSafe(a.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution());
    } else {
      requiredAntiAffinity = List.of();
      preferredAntiAffinity = List.of();
    }
  }

  /** Wraps {@code pod}. */
  public static PodInfo of(Pod pod) {
    return new PodInfo(pod);
  }

  public Pod pod() {
    return pod;
  }

  /** {@code metadata.uid}. */
  public String uid() {
    return pod.getMetadata().getUid();
  }

  /** {@code namespace/name}. */
  public String key() {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  /**
   * {@code spec.priority}, 0 when unset (as upstream reads a pod's priority).
   *
   * @since 1.1
   */
  public int priority() {
    Integer p = pod.getSpec() == null ? null : pod.getSpec().getPriority();
    return p == null ? 0 : p;
  }

  /** What the pod requests, for fitting (see {@link Resources#podRequests}). */
  public Resources requests() {
    return requests;
  }

  /** What the pod requests with the scoring defaults for unset CPU and memory. */
  public Resources nonZeroRequests() {
    return nonZeroRequests;
  }

  /** The host ports of its containers (ports with {@code hostPort} set). */
  public List<HostPort> hostPorts() {
    return hostPorts;
  }

  public List<PodAffinityTerm> requiredAffinityTerms() {
    return requiredAffinity;
  }

  public List<PodAffinityTerm> requiredAntiAffinityTerms() {
    return requiredAntiAffinity;
  }

  public List<WeightedPodAffinityTerm> preferredAffinityTerms() {
    return preferredAffinity;
  }

  public List<WeightedPodAffinityTerm> preferredAntiAffinityTerms() {
    return preferredAntiAffinity;
  }

  /** Whether the pod has any pod affinity or anti-affinity term. */
  public boolean hasAffinity() {
    return !requiredAffinity.isEmpty()
        || !requiredAntiAffinity.isEmpty()
        || !preferredAffinity.isEmpty()
        || !preferredAntiAffinity.isEmpty();
  }

  private static List<HostPort> hostPortsOf(Pod pod) {
    if (pod.getSpec() == null) {
      return List.of();
    }
    List<HostPort> ports = new ArrayList<>();
    List<Container> all = new ArrayList<>(nullSafe(pod.getSpec().getContainers()));
    all.addAll(nullSafe(pod.getSpec().getInitContainers()));
    for (Container c : all) {
      for (ContainerPort p : nullSafe(c.getPorts())) {
        if (p.getHostPort() != null && p.getHostPort() > 0) {
          String ip =
              p.getHostIP() == null || p.getHostIP().isEmpty() ? HostPort.ANY_IP : p.getHostIP();
          String proto =
              p.getProtocol() == null || p.getProtocol().isEmpty() ? "TCP" : p.getProtocol();
          ports.add(new HostPort(ip, proto, p.getHostPort()));
        }
      }
    }
    return List.copyOf(ports);
  }

  private static <T> List<T> nullSafe(List<T> l) {
    return l == null ? List.of() : List.copyOf(l);
  }

  @Override
  public String toString() {
    return key();
  }
}
