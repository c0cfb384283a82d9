package io.karavel.scheduler.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the scheduler (PID {@code io.karavel.scheduler}). */
@ObjectClassDefinition(
    name = "Karavel scheduler",
    description = "Leader election, parallelism and queue timing of the scheduler")
@interface SchedulerConfig {
  String PID = "io.karavel.scheduler";

  @AttributeDefinition(description = "Whether the scheduler runs at all")
  boolean enabled() default true;

  @AttributeDefinition(
      description =
          "Compete for a Lease and schedule only while holding it (false: always schedule)")
  boolean leaderElect() default true;

  @AttributeDefinition(description = "Namespace of the leader election Lease")
  String leaseNamespace() default "kube-system";

  @AttributeDefinition(description = "Name of the leader election Lease")
  String leaseName() default "kube-scheduler";

  @AttributeDefinition(
      description = "Seconds others wait after the last renewal before taking over")
  int leaseDurationSeconds() default 15;

  @AttributeDefinition(description = "Seconds the leader keeps retrying a renewal before giving up")
  int renewDeadlineSeconds() default 10;

  @AttributeDefinition(description = "Seconds between attempts to acquire or renew the Lease")
  int retryPeriodSeconds() default 2;

  @AttributeDefinition(
      description =
          "Threads filtering and scoring nodes in one cycle; 0 for the number of processors, or 1"
              + " on two or fewer processors (upstream's default is 16)")
  int parallelism() default 0;

  @AttributeDefinition(
      description =
          "Binding cycles running at once; each waits for its pods/binding round trip, so this"
              + " bounds bindings per round trip")
  int bindParallelism() default 64;

  @AttributeDefinition(description = "Backoff of a pod after its first failed attempt, seconds")
  int podInitialBackoffSeconds() default 1;

  @AttributeDefinition(description = "Largest backoff, seconds")
  int podMaxBackoffSeconds() default 10;

  @AttributeDefinition(
      description =
          "Seconds an unschedulable pod waits for a relevant event before it is retried anyway")
  int podMaxInUnschedulablePodsDurationSeconds() default 300;

  @AttributeDefinition(
      description =
          "Seconds an assumed pod whose binding succeeded waits for the informer to confirm it before it"
              + " is forgotten (0: never)")
  int assumedPodTtlSeconds() default 30;
}
