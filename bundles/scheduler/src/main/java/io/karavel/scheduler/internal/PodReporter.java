package io.karavel.scheduler.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What users see of scheduling decisions: {@code Scheduled} and {@code FailedScheduling} events
 * (core/v1, as {@code kubectl describe pod} shows them) and the pod's {@code PodScheduled}
 * condition when it cannot be scheduled.
 */
final class PodReporter {
  private final ApiWriter writer;
  private final String identity;
  private final AtomicLong seq = new AtomicLong(System.nanoTime());

  PodReporter(ApiWriter writer, String identity) {
    this.writer = writer;
    this.identity = identity;
  }

  void scheduled(Pod pod, String node) {
    event(
        pod,
        "Normal",
        "Scheduled",
        "Successfully assigned "
            + pod.getMetadata().getNamespace()
            + "/"
            + pod.getMetadata().getName()
            + " to "
            + node);
  }

  /** A FailedScheduling event and, if it changed, the PodScheduled=False condition. */
  void failed(Pod pod, String reason, String message) {
    event(pod, "Warning", "FailedScheduling", message);
    PodCondition current = null;
    if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
      for (PodCondition c : pod.getStatus().getConditions()) {
        if ("PodScheduled".equals(c.getType())) {
          current = c;
        }
      }
    }
    if (current != null
        && "False".equals(current.getStatus())
        && reason.equals(current.getReason())
        && message.equals(current.getMessage())) {
      return;
    }
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String json =
        "{\"status\":{\"conditions\":[{\"type\":\"PodScheduled\",\"status\":\"False\","
            + "\"lastProbeTime\":null,\"lastTransitionTime\":\""
            + now
            + "\",\"reason\":"
            + quote(reason)
            + ",\"message\":"
            + quote(message)
            + "}]}}";
    writer.strategicPatch(podPath(pod) + "/status", json);
  }

  /**
   * Sets {@code status.nominatedNodeName} through pods/status ({@code null} clears it), as upstream
   * records a preemption's nomination.
   */
  void nominate(Pod pod, String node) {
    writer.strategicPatch(
        podPath(pod) + "/status",
        "{\"status\":{\"nominatedNodeName\":" + (node == null ? "null" : quote(node)) + "}}");
  }

  /**
   * A core/v1 Event about the pod, written as JSON text directly (no builder, no reflection): one
   * is written for every pod scheduled.
   */
  private void event(Pod pod, String type, String reason, String message) {
    String ns = pod.getMetadata().getNamespace();
    writer.postJson(
        "/api/v1/namespaces/" + enc(ns) + "/events",
        eventJson(pod, type, reason, message, identity, seq.incrementAndGet()));
  }

  /** The Event's JSON; {@code seq} makes its name unique. */
  static String eventJson(
      Pod pod, String type, String reason, String message, String identity, long seq) {
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    String now = quote(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    String component =
        quote(
            pod.getSpec().getSchedulerName() == null
                ? ProfileDefinition.DEFAULT_SCHEDULER
                : pod.getSpec().getSchedulerName());
    String rv = pod.getMetadata().getResourceVersion();
    String json =
        "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":"
            + quote(name + "." + Long.toHexString(seq))
            + ",\"namespace\":"
            + quote(ns)
            + "},\"involvedObject\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"namespace\":"
            + quote(ns)
            + ",\"name\":"
            + quote(name)
            + ",\"uid\":"
            + quote(pod.getMetadata().getUid())
            + (rv == null ? "" : ",\"resourceVersion\":" + quote(rv))
            + "},\"type\":"
            + quote(type)
            + ",\"reason\":"
            + quote(reason)
            + ",\"message\":"
            + quote(message)
            + ",\"source\":{\"component\":"
            + component
            + "},\"reportingComponent\":"
            + component
            + ",\"reportingInstance\":"
            + quote(identity)
            + ",\"firstTimestamp\":"
            + now
            + ",\"lastTimestamp\":"
            + now
            + ",\"count\":1}";
    return json;
  }

  private static String podPath(Pod pod) {
    return "/api/v1/namespaces/"
        + enc(pod.getMetadata().getNamespace())
        + "/pods/"
        + enc(pod.getMetadata().getName());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The string as a JSON string literal (Jackson's escaping), or {@code null}. */
  static String quote(String s) {
    return s == null
        ? "null"
        : '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
  }
}
