package io.karavel.nodesimulator.internal;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;

/** One simulated node of a pool: its name, pod subnet and timers. */
final class SimulatedNode {
  final SimulatedPool pool;
  final int index;
  final String name;
  final PodNetwork.NodeSubnet subnet;
  volatile String uid;
  volatile Instant readySince;
  volatile ScheduledFuture<?> leaseTask;
  volatile ScheduledFuture<?> statusTask;
  final AtomicLong leaseRenewals = new AtomicLong();
  final AtomicLong statusReports = new AtomicLong();

  SimulatedNode(SimulatedPool pool, int index, PodNetwork.NodeSubnet subnet) {
    this.pool = pool;
    this.index = index;
    this.name = pool.spec().nodeName(index);
    this.subnet = subnet;
  }

  void cancel() {
    ScheduledFuture<?> f = leaseTask;
    if (f != null) {
      f.cancel(false);
    }
    f = statusTask;
    if (f != null) {
      f.cancel(false);
    }
  }
}
