package io.karavel.scheduler.spi;

import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/** A pod held by one or more Permit plugins that returned wait. */
@ProviderType
public interface WaitingPod {

  PodInfo pod();

  /** The node reserved for the pod. */
  String nodeName();

  /** The plugins that have not yet allowed the pod. */
  Set<String> pendingPlugins();

  /** Allows the pod on behalf of {@code pluginName}; once all allowed it goes on to binding. */
  void allow(String pluginName);

  /** Rejects the pod: it is unreserved and requeued with {@code message} as its reason. */
  void reject(String pluginName, String message);
}
