package io.karavel.client;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.karavel.client.internal.LeaseLeaderElection;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease, as client-go's leaderelection package
 * does it: the leader renews the lease every retry period and gives up leading when it could not
 * renew within the renew deadline; the others take over once the lease has not been renewed for the
 * lease duration.
 *
 * <p>Unlike client-go, an elector that lost the lease goes on competing for it until {@link
 * #stop()}; a component therefore sees {@code onStartedLeading} and {@code onStoppedLeading}
 * alternate. {@link #stop()} releases a held lease so that another candidate takes over at once.
 */
@ProviderType
public interface LeaderElection extends AutoCloseable {

  /** Starts competing for the lease; may be called once. */
  void start();

  /**
   * Stops competing, releases the lease if held (the listener then hears {@code onStoppedLeading});
   * idempotent.
   */
  void stop();

  /** Whether this candidate holds the lease as far as it last observed. */
  boolean isLeader();

  /** The holder identity last observed, empty if none. */
  Optional<String> currentLeader();

  /** The settings this election runs with. */
  LeaderElectionSettings settings();

  @Override
  default void close() {
    stop();
  }

  /**
   * An election over {@code client}; call {@link #start()} to join it. The listener is called on
   * one thread of the election's own, in order, and must not block for long.
   */
  static LeaderElection create(
      KubernetesClient client, LeaderElectionSettings settings, LeaderListener listener) {
    return new LeaseLeaderElection(client, settings, listener);
  }
}
