package io.karavel.apiserver.internal;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The API server's Prometheus metrics: request counts and latency histograms by verb, resource and
 * code, store latency by operation, open watches by resource, and the process's CPU time and JIT
 * compilation time. Rendered in the text exposition format on {@code /metrics}.
 */
public final class Metrics {

  private static final double[] REQUEST_BUCKETS = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 2, 5, 10, 30, 60
  };
  private static final double[] STORE_BUCKETS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5
  };

  /** A cumulative histogram with fixed buckets. */
  static final class Histogram {
    private final double[] bounds;
    private final LongAdder[] counts;
    private final LongAdder count = new LongAdder();
    private final AtomicLong sumNanos = new AtomicLong();

    Histogram(double[] bounds) {
      this.bounds = bounds;
      this.counts = new LongAdder[bounds.length];
      for (int i = 0; i < bounds.length; i++) {
        counts[i] = new LongAdder();
      }
    }

    void observeNanos(long nanos) {
      double seconds = nanos / 1e9;
      for (int i = 0; i < bounds.length; i++) {
        if (seconds <= bounds[i]) {
          counts[i].increment();
          break;
        }
      }
      count.increment();
      sumNanos.addAndGet(nanos);
    }

    void render(StringBuilder out, String name, String labels) {
      long cumulative = 0;
      for (int i = 0; i < bounds.length; i++) {
        cumulative += counts[i].sum();
        out.append(name)
            .append("_bucket{")
            .append(labels)
            .append(",le=\"")
            .append(bounds[i])
            .append("\"} ")
            .append(cumulative)
            .append('\n');
      }
      long total = count.sum();
      out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(total);
      out.append('\n');
      out.append(name).append("_sum{").append(labels).append("} ").append(sumNanos.get() / 1e9);
      out.append('\n');
      out.append(name).append("_count{").append(labels).append("} ").append(total).append('\n');
    }
  }

  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, Histogram> requestLatency = new ConcurrentHashMap<>();
  private final Map<String, Histogram> storeLatency = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> watchers = new ConcurrentHashMap<>();
  private final LongAdder rejectedInFlight = new LongAdder();
  private final LongAdder loopbackRequests = new LongAdder();
  private final AtomicLong inFlightMutating = new AtomicLong();
  private final AtomicLong inFlightReadOnly = new AtomicLong();
  private final LongAdder timedOut = new LongAdder();

  public void request(String verb, String group, String resource, int code, long nanos) {
    String labels =
        "verb=\""
            + verb.toUpperCase(java.util.Locale.ROOT)
            + "\",group=\""
            + group
            + "\",resource=\""
            + resource
            + "\"";
    requests.computeIfAbsent(labels + ",code=\"" + code + "\"", k -> new LongAdder()).increment();
    if (!verb.equals("watch")) {
      requestLatency
          .computeIfAbsent(labels, k -> new Histogram(REQUEST_BUCKETS))
          .observeNanos(nanos);
    }
  }

  public void storeLatency(String operation, String resource, long nanos) {
    storeLatency
        .computeIfAbsent(
            "operation=\"" + operation + "\",type=\"" + resource + "\"",
            k -> new Histogram(STORE_BUCKETS))
        .observeNanos(nanos);
  }

  public void watchOpened(String group, String resource) {
    watchers.computeIfAbsent(key(group, resource), k -> new AtomicLong()).incrementAndGet();
  }

  public void watchClosed(String group, String resource) {
    watchers.computeIfAbsent(key(group, resource), k -> new AtomicLong()).decrementAndGet();
  }

  /** A request took ({@code delta} 1) or gave back (-1) a slot of its max-in-flight limit. */
  public void inFlight(boolean mutating, int delta) {
    (mutating ? inFlightMutating : inFlightReadOnly).addAndGet(delta);
  }

  public void rejectedInFlight() {
    rejectedInFlight.increment();
  }

  public void timedOut() {
    timedOut.increment();
  }

  /** A request arrived on the in-process loopback transport instead of HTTPS. */
  public void loopbackRequest() {
    loopbackRequests.increment();
  }

  private static String key(String group, String resource) {
    return "group=\"" + group + "\",resource=\"" + resource + "\"";
  }

  public String render() {
    StringBuilder out = new StringBuilder(16 * 1024);
    out.append("# HELP apiserver_request_total Counter of apiserver requests broken out by verb,")
        .append(" group, resource and HTTP response code.\n")
        .append("# TYPE apiserver_request_total counter\n");
    requests.forEach(
        (labels, n) ->
            out.append("apiserver_request_total{")
                .append(labels)
                .append("} ")
                .append(n.sum())
                .append('\n'));
    out.append("# HELP apiserver_request_duration_seconds Response latency distribution in")
        .append(" seconds for each verb, group and resource.\n")
        .append("# TYPE apiserver_request_duration_seconds histogram\n");
    requestLatency.forEach((l, h) -> h.render(out, "apiserver_request_duration_seconds", l));
    out.append("# HELP karavel_store_request_duration_seconds Store request latency in seconds")
        .append(" by operation and resource.\n")
        .append("# TYPE karavel_store_request_duration_seconds histogram\n");
    storeLatency.forEach((l, h) -> h.render(out, "karavel_store_request_duration_seconds", l));
    out.append("# HELP apiserver_registered_watchers Number of currently registered watchers.\n")
        .append("# TYPE apiserver_registered_watchers gauge\n");
    watchers.forEach(
        (l, n) ->
            out.append("apiserver_registered_watchers{")
                .append(l)
                .append("} ")
                .append(n.get())
                .append('\n'));
    out.append("# HELP apiserver_current_inflight_requests Requests holding a slot of the")
        .append(" max-in-flight limits, by kind.\n")
        .append("# TYPE apiserver_current_inflight_requests gauge\n")
        .append("apiserver_current_inflight_requests{request_kind=\"mutating\"} ")
        .append(inFlightMutating.get())
        .append("\napiserver_current_inflight_requests{request_kind=\"readOnly\"} ")
        .append(inFlightReadOnly.get())
        .append('\n');
    out.append("# HELP apiserver_dropped_requests_total Requests rejected by the max-in-flight")
        .append(" limit.\n# TYPE apiserver_dropped_requests_total counter\n")
        .append("apiserver_dropped_requests_total ")
        .append(rejectedInFlight.sum())
        .append('\n');
    out.append("# HELP apiserver_request_timeouts_total Requests answered 504 at their deadline.\n")
        .append("# TYPE apiserver_request_timeouts_total counter\n")
        .append("apiserver_request_timeouts_total ")
        .append(timedOut.sum())
        .append('\n');
    out.append("# HELP karavel_apiserver_loopback_requests_total Requests from components in the")
        .append(" same process, served without TLS or sockets.\n")
        .append("# TYPE karavel_apiserver_loopback_requests_total counter\n")
        .append("karavel_apiserver_loopback_requests_total ")
        .append(loopbackRequests.sum())
        .append('\n');
    renderProcess(out);
    return out.toString();
  }

  /**
   * The process collector's CPU counter, as upstream's API server exports it, and the JVM's
   * accumulated JIT compilation time (named as the Prometheus Java client names it): a JVM serves
   * at full speed only once its compiler has caught up, and this counter shows when it has.
   */
  private static void renderProcess(StringBuilder out) {
    long cpuNanos =
        ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(-1L);
    if (cpuNanos >= 0) {
      out.append("# HELP process_cpu_seconds_total Total user and system CPU time spent in")
          .append(" seconds.\n# TYPE process_cpu_seconds_total counter\n")
          .append("process_cpu_seconds_total ")
          .append(cpuNanos / 1e9)
          .append('\n');
    }
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit != null && jit.isCompilationTimeMonitoringSupported()) {
      out.append("# HELP jvm_compilation_time_seconds_total The total time in seconds taken for")
          .append(" HotSpot class compilation.\n")
          .append("# TYPE jvm_compilation_time_seconds_total counter\n")
          .append("jvm_compilation_time_seconds_total ")
          .append(jit.getTotalCompilationTime() / 1e3)
          .append('\n');
    }
  }
}
