package io.karavel.nodesimulator.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the node simulator (PID {@code io.karavel.nodesimulator}). */
@ObjectClassDefinition(
    name = "Karavel node simulator",
    description =
        "How simulated nodes behave: Lease and status timing, pods marked Running, fake pod"
            + " addresses")
@interface NodeSimulatorConfig {
  String PID = "io.karavel.nodesimulator";

  @AttributeDefinition(
      description = "leaseDurationSeconds written in each node's Lease (upstream kubelet: 40)")
  int leaseDurationSeconds() default 40;

  @AttributeDefinition(
      description =
          "Seconds between two renewals of a node's Lease (upstream: a quarter of the duration,"
              + " 10); 0 registers the Lease once and never renews it")
  int leaseRenewIntervalSeconds() default 10;

  @AttributeDefinition(
      description =
          "Seconds between two status reports of a node (the conditions' lastHeartbeatTime),"
              + " upstream's nodeStatusReportFrequency (5 min); 0 never reports again")
  int nodeStatusReportSeconds() default 300;

  @AttributeDefinition(description = "Mark pods bound to simulated nodes Running")
  boolean markPodsRunning() default true;

  @AttributeDefinition(
      description = "Milliseconds between a pod's binding and the status that says it runs")
  int podRunningDelayMillis() default 1000;

  @AttributeDefinition(
      description =
          "Finish the graceful deletion of pods on simulated nodes at once, as a kubelet does"
              + " once the containers stopped (none run here)")
  boolean finishPodDeletion() default true;

  @AttributeDefinition(
      description = "Cluster CIDR cut into one subnet per simulated node for pod addresses")
  String podCidr() default "10.128.0.0/9";

  @AttributeDefinition(description = "Prefix length of each node's pod subnet")
  int nodeCidrMaskSize() default 24;

  @AttributeDefinition(
      description =
          "Threads running the timers and registering nodes (the steady writes are asynchronous)")
  int writeThreads() default 4;

  @AttributeDefinition(
      description =
          "Lease renewals, status reports and pod status writes outstanding at once; beyond, the"
              + " simulator waits for the server")
  int maxInFlightWrites() default 64;
}
