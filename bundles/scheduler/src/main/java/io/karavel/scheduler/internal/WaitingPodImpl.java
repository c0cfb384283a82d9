package io.karavel.scheduler.internal;

import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.Status;
import io.karavel.scheduler.spi.WaitingPod;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A pod held by Permit plugins until all allow it, one rejects it, or the timeout passes. */
final class WaitingPodImpl implements WaitingPod {
  private final PodInfo pod;
  private final String node;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<Status> result = new CompletableFuture<>();

  WaitingPodImpl(PodInfo pod, String node, Set<String> plugins) {
    this.pod = pod;
    this.node = node;
    this.pending.addAll(plugins);
  }

  @Override
  public PodInfo pod() {
    return pod;
  }

  @Override
  public String nodeName() {
    return node;
  }

  @Override
  public Set<String> pendingPlugins() {
    return Set.copyOf(pending);
  }

  @Override
  public void allow(String pluginName) {
    pending.remove(pluginName);
    if (pending.isEmpty()) {
      result.complete(Status.success());
    }
  }

  @Override
  public void reject(String pluginName, String message) {
    result.complete(Status.unschedulable(message).withPlugin(pluginName));
  }

  /** Blocks until decided; a timeout rejects the pod as upstream words it. */
  Status await(Duration timeout) throws InterruptedException {
    try {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      String plugins = String.join(",", pending);
      Status s =
          Status.unschedulable(
                  "rejected due to timeout after waiting " + timeout + " at plugin " + plugins)
              .withPlugin(plugins);
      result.complete(s);
      return result.getNow(s);
    } catch (ExecutionException e) {
      return Status.error(e.getCause());
    }
  }
}
