package io.karavel.scheduler.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One profile from a factory configuration, offered as a service to {@link Scheduler}. A change
 * ({@code config:edit}, editing the {@code .cfg}) is applied live: the service properties change
 * and the scheduler rebuilds that profile's framework, keeping its queue.
 */
@Component(
    service = SchedulerProfile.class,
    configurationPid = ProfileConfig.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ProfileConfig.class, factory = true)
public final class SchedulerProfile {
  private volatile ProfileDefinition definition;
  private volatile String error;

  @Activate
  void activate(Map<String, Object> props) {
    modified(props);
  }

  @Modified
  void modified(Map<String, Object> props) {
    try {
      definition = ProfileDefinition.from(props);
      error = null;
    } catch (RuntimeException e) {
      error = e.getMessage();
      definition = null;
    }
  }

  /** The profile, or null if its configuration is invalid (see {@link #error()}). */
  ProfileDefinition definition() {
    return definition;
  }

  String error() {
    return error;
  }
}
