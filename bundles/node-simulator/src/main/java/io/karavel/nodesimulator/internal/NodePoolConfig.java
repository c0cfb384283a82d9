package io.karavel.nodesimulator.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One pool of simulated nodes started from configuration (factory PID {@code
 * io.karavel.nodesimulator.pool}): the same keys as the options of {@code kube:simulate-nodes}.
 */
@ObjectClassDefinition(
    name = "Karavel simulated node pool",
    description = "A pool of simulated nodes that runs while this configuration exists")
@interface NodePoolConfig {
  String FACTORY_PID = "io.karavel.nodesimulator.pool";

  @AttributeDefinition(description = "Pool name; empty derives it from the prefix")
  String name() default "";

  @AttributeDefinition(description = "Node name prefix; nodes are <prefix>0 .. <prefix>N-1")
  String prefix() default "sim-";

  @AttributeDefinition(description = "Number of nodes")
  int count() default 1;

  @AttributeDefinition(description = "CPU capacity of each node")
  String cpu() default "4";

  @AttributeDefinition(description = "Memory capacity of each node")
  String memory() default "32Gi";

  @AttributeDefinition(description = "Pod capacity of each node")
  int pods() default 110;

  @AttributeDefinition(description = "Extra resources, e.g. nvidia.com/gpu=2 (comma separated)")
  String resources() default "";

  @AttributeDefinition(description = "Labels k=v, comma separated")
  String labels() default "";

  @AttributeDefinition(description = "Taints key[=value]:Effect, comma separated")
  String taints() default "";

  @AttributeDefinition(description = "Zones spread round-robin (topology.kubernetes.io/zone)")
  String zones() default "";

  @AttributeDefinition(
      description = "Delete the nodes (and their Leases and pods) when the configuration goes")
  boolean deleteOnStop() default false;
}
