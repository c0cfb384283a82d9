package io.karavel.scheduler.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One scheduling profile (factory PID {@code io.karavel.scheduler.profile}). Plugin arguments are
 * free-form keys {@code args.<Plugin>.<key>}; see {@code
 * config/io.karavel.scheduler.profile-default.cfg}.
 */
@ObjectClassDefinition(
    name = "Karavel scheduling profile",
    description = "Which plugins run at each extension point for pods of one schedulerName")
@interface ProfileConfig {
  String FACTORY_PID = "io.karavel.scheduler.profile";

  @AttributeDefinition(description = "spec.schedulerName of the pods this profile schedules")
  String schedulerName() default ProfileDefinition.DEFAULT_SCHEDULER;

  @AttributeDefinition(
      description =
          "Plugins enabled at every extension point they implement, in order (upstream's multiPoint)")
  String plugins() default ProfileDefinition.DEFAULT_PLUGINS;

  @AttributeDefinition(description = "Score weights, Plugin:weight, comma separated (default 1)")
  String weights() default ProfileDefinition.DEFAULT_WEIGHTS;

  @AttributeDefinition(
      description =
          "Share of nodes to find feasible before scoring, 0 for upstream's adaptive value")
  int percentageOfNodesToScore() default 0;
}
