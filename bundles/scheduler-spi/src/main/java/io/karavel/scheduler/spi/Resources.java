package io.karavel.scheduler.spi;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An amount of node resources, as the scheduler counts them: CPU in millicores, memory and
 * ephemeral storage in bytes, a number of pods, and scalar resources (extended resources such as
 * {@code nvidia.com/gpu}, hugepages) in integer units. Immutable.
 *
 * @param milliCpu CPU in millicores ({@code 1} = {@code 1000})
 * @param memory memory in bytes
 * @param ephemeralStorage ephemeral storage in bytes
 * @param pods number of pods (for allocatable: how many may run)
 * @param scalar every other resource by name, in whole units
 */
public record Resources(
    long milliCpu, long memory, long ephemeralStorage, long pods, Map<String, Long> scalar) {

  public static final String CPU = "cpu";
  public static final String MEMORY = "memory";
  public static final String EPHEMERAL_STORAGE = "ephemeral-storage";
  public static final String PODS = "pods";

  /** CPU counted for a container without a CPU request when scoring (upstream: 100m). */
  public static final long DEFAULT_MILLI_CPU_REQUEST = 100;

  /** Memory counted for a container without a memory request when scoring (upstream: 200 MiB). */
  public static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;

  public static final Resources ZERO = new Resources(0, 0, 0, 0, Map.of());

  public Resources {
    scalar = Map.copyOf(scalar);
  }

  /** The amount of resource {@code name} in the unit described above; 0 if absent. */
  public long get(String name) {
    return switch (name) {
      case CPU -> milliCpu;
      case MEMORY -> memory;
      case EPHEMERAL_STORAGE -> ephemeralStorage;
      case PODS -> pods;
      default -> scalar.getOrDefault(name, 0L);
    };
  }

  /** The sum of both amounts, resource by resource. */
  public Resources plus(Resources o) {
    return combine(o, 1);
  }

  /** This amount minus {@code o}, resource by resource. */
  public Resources minus(Resources o) {
    return combine(o, -1);
  }

  private Resources combine(Resources o, int sign) {
    Map<String, Long> s = scalar;
    if (!o.scalar.isEmpty()) {
      Map<String, Long> m = new HashMap<>(scalar);
      o.scalar.forEach((k, v) -> m.merge(k, sign * v, Long::sum));
      s = m;
    }
    return new Resources(
        milliCpu + sign * o.milliCpu,
        memory + sign * o.memory,
        ephemeralStorage + sign * o.ephemeralStorage,
        pods + sign * o.pods,
        s);
  }

  private Resources max(Resources o) {
    Map<String, Long> m = new HashMap<>(scalar);
    o.scalar.forEach((k, v) -> m.merge(k, v, Math::max));
    return new Resources(
        Math.max(milliCpu, o.milliCpu),
        Math.max(memory, o.memory),
        Math.max(ephemeralStorage, o.ephemeralStorage),
        Math.max(pods, o.pods),
        m);
  }

  /**
   * Reads a resource list ({@code status.allocatable}, {@code resources.requests}); quantities are
   * rounded up to whole millicores / bytes / units, as upstream's {@code MilliValue()} and {@code
   * Value()}.
   */
  public static Resources of(Map<String, Quantity> list) {
    if (list == null || list.isEmpty()) {
      return ZERO;
    }
    long cpu = 0;
    long mem = 0;
    long eph = 0;
    long pods = 0;
    Map<String, Long> scalar = new HashMap<>();
    for (Map.Entry<String, Quantity> e : list.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      BigDecimal amount = e.getValue().getNumericalAmount();
      switch (e.getKey()) {
        case CPU -> cpu = ceil(amount.movePointRight(3));
        case MEMORY -> mem = ceil(amount);
        case EPHEMERAL_STORAGE -> eph = ceil(amount);
        case PODS -> pods = ceil(amount);
        default -> scalar.put(e.getKey(), ceil(amount));
      }
    }
    return new Resources(cpu, mem, eph, pods, scalar);
  }

  private static long ceil(BigDecimal d) {
    return d.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /**
   * What a pod requests, as upstream computes it: the sum of its containers and restartable
   * (sidecar) init containers, at least the largest single init container (plus the sidecars
   * started before it), plus the pod overhead. {@code pods} is 1.
   *
   * @param nonZero count {@value #DEFAULT_MILLI_CPU_REQUEST}m CPU and 200 MiB memory for every
   *     container that requests none (used for scoring, never for fitting)
   */
  public static Resources podRequests(Pod pod, boolean nonZero) {
    PodSpec spec = pod.getSpec();
    if (spec == null) {
      return new Resources(0, 0, 0, 1, Map.of());
    }
    Resources sum = ZERO;
    for (Container c : nullSafe(spec.getContainers())) {
      sum = sum.plus(containerRequests(c, nonZero));
    }
    Resources sidecars = ZERO;
    Resources init = ZERO;
    for (Container c : nullSafe(spec.getInitContainers())) {
      Resources r = containerRequests(c, nonZero);
      if ("Always".equals(c.getRestartPolicy())) {
        sidecars = sidecars.plus(r);
        r = sidecars;
      } else {
        r = r.plus(sidecars);
      }
      init = init.max(r);
    }
    Resources total = sum.plus(sidecars).max(init);
    if (spec.getOverhead() != null) {
      total = total.plus(of(spec.getOverhead()));
    }
    return new Resources(
        total.milliCpu, total.memory, total.ephemeralStorage, 1, withoutZeros(total.scalar));
  }

  private static Map<String, Long> withoutZeros(Map<String, Long> m) {
    if (!m.containsValue(0L)) {
      return m;
    }
    Map<String, Long> r = new HashMap<>(m);
    r.values().removeIf(v -> v == 0L);
    return r;
  }

  private static Resources containerRequests(Container c, boolean nonZero) {
    Map<String, Quantity> requests =
        c.getResources() == null ? null : c.getResources().getRequests();
    Resources r = of(requests);
    if (nonZero) {
      boolean hasCpu = requests != null && requests.containsKey(CPU);
      boolean hasMem = requests != null && requests.containsKey(MEMORY);
      if (!hasCpu || !hasMem) {
        r =
            new Resources(
                hasCpu ? r.milliCpu : DEFAULT_MILLI_CPU_REQUEST,
                hasMem ? r.memory : DEFAULT_MEMORY_REQUEST,
                r.ephemeralStorage,
                r.pods,
                r.scalar);
      }
    }
    return r;
  }

  private static <T> List<T> nullSafe(List<T> l) {
    return l == null ? List.of() : l;
  }
}
