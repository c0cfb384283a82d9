package io.karavel.scheduler.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The common super-interface of every extension point. A plugin service must carry the service
 * property {@value #NAME}; profiles refer to the plugin by that name, which must be unique among
 * the installed plugins (the upstream names, such as {@code NodeResourcesFit}, belong to the
 * default plugins).
 */
@ConsumerType
public interface Plugin {

  /** Service property holding the plugin's name. */
  String NAME = "karavel.scheduler.plugin";
}
