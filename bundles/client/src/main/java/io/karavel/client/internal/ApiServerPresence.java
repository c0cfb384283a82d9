package io.karavel.client.internal;

import java.util.function.BooleanSupplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this framework holds an API server that will publish a loopback endpoint: its bundle is
 * installed and started (or marked to start, as during boot), and its configuration does not turn
 * the loopback listener off. Answers are kept for a short while: the provider asks on every call
 * while no endpoint is bound, which on a worker is every call.
 */
final class ApiServerPresence implements BooleanSupplier {

  /** Symbolic name of the API server bundle. */
  static final String APISERVER_BUNDLE = "io.karavel.apiserver";

  /** Configuration PID of the API server and its key that turns the loopback listener off. */
  static final String APISERVER_PID = "io.karavel.apiserver";

  static final String LOOPBACK_KEY = "loopback";

  private static final long CACHE_NANOS = 500_000_000L;
  private static final Logger LOG = LoggerFactory.getLogger(ApiServerPresence.class);

  private final BundleContext context;
  private volatile boolean answer;
  private volatile long answeredAt;
  private volatile boolean answered;

  ApiServerPresence(BundleContext context) {
    this.context = context;
  }

  @Override
  public boolean getAsBoolean() {
    long now = System.nanoTime();
    if (answered && now - answeredAt < CACHE_NANOS) {
      return answer;
    }
    boolean present = apiServerBundleStarting() && !loopbackTurnedOff();
    answer = present;
    answeredAt = now;
    answered = true;
    return present;
  }

  private boolean apiServerBundleStarting() {
    for (Bundle b : context.getBundles()) {
      if (!APISERVER_BUNDLE.equals(b.getSymbolicName())) {
        continue;
      }
      int state = b.getState();
      if (state == Bundle.ACTIVE || state == Bundle.STARTING) {
        return true;
      }
      if (state == Bundle.UNINSTALLED) {
        continue;
      }
      BundleStartLevel level = b.adapt(BundleStartLevel.class);
      if (level != null && level.isPersistentlyStarted()) {
        return true;
      }
    }
    return false;
  }

  private boolean loopbackTurnedOff() {
    ServiceReference<ConfigurationAdmin> ref;
    try {
      ref = context.getServiceReference(ConfigurationAdmin.class);
    } catch (IllegalStateException | NoClassDefFoundError e) {
      return false;
    }
    if (ref == null) {
      return false;
    }
    ConfigurationAdmin admin = context.getService(ref);
    if (admin == null) {
      return false;
    }
    try {
      Configuration[] configs =
          admin.listConfigurations(
              "(" + org.osgi.framework.Constants.SERVICE_PID + "=" + APISERVER_PID + ")");
      if (configs == null) {
        return false;
      }
      for (Configuration c : configs) {
        Object value = c.getProperties() == null ? null : c.getProperties().get(LOOPBACK_KEY);
        if (value != null && "false".equalsIgnoreCase(String.valueOf(value).strip())) {
          return true;
        }
      }
      return false;
    } catch (Exception e) {
      LOG.debug("cannot read the API server's configuration", e);
      return false;
    } finally {
      try {
        context.ungetService(ref);
      } catch (IllegalStateException ignored) {
        // the bundle is stopping
      }
    }
  }
}
