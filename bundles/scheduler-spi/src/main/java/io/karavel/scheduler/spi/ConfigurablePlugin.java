package io.karavel.scheduler.spi;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A plugin that takes arguments from the profile that enables it (upstream's plugin args, e.g. the
 * scoring strategy of {@code NodeResourcesFit}).
 */
@ConsumerType
public interface ConfigurablePlugin extends Plugin {

  /**
   * Returns the plugin instance a profile uses with {@code args} (the profile keys {@code
   * args.<plugin>.<key>}, without that prefix). Called when a profile is (re)built, never during a
   * cycle; must not modify this instance. The returned object implements the same extension-point
   * interfaces as this one.
   *
   * @throws IllegalArgumentException if an argument is invalid; the profile is then not built and
   *     the error is logged and reported on pods waiting for it
   */
  Plugin withArgs(Map<String, String> args);
}
