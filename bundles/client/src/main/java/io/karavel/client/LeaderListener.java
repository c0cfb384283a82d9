package io.karavel.client;

/** What a {@link LeaderElection} candidate hears. */
public interface LeaderListener {

  /** This candidate acquired the lease: start the work only the leader may do. */
  void onStartedLeading();

  /** This candidate lost or released the lease: stop the leader's work at once. */
  void onStoppedLeading();

  /** The observed holder changed; {@code identity} is empty while nobody holds the lease. */
  default void onNewLeader(String identity) {}
}
