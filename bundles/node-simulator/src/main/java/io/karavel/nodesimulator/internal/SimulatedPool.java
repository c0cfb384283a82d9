package io.karavel.nodesimulator.internal;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A running pool of simulated nodes. */
public final class SimulatedPool {
  private final PoolSpec spec;
  final Instant started;
  volatile Instant registered;
  volatile boolean stopped;
  final List<SimulatedNode> nodes = new CopyOnWriteArrayList<>();

  SimulatedPool(PoolSpec spec, Instant started) {
    this.spec = spec;
    this.started = started;
  }

  PoolSpec spec() {
    return spec;
  }

  void stop() {
    stopped = true;
    for (SimulatedNode n : nodes) {
      n.cancel();
    }
  }

  /** Lease renewals made by the pool's nodes. */
  long leaseRenewals() {
    return nodes.stream().mapToLong(n -> n.leaseRenewals.get()).sum();
  }

  /** Status reports made by the pool's nodes. */
  long statusReports() {
    return nodes.stream().mapToLong(n -> n.statusReports.get()).sum();
  }
}
