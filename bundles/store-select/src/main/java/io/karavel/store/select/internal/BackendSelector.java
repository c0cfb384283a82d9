package io.karavel.store.select.internal;

import io.karavel.store.spi.StoreBackend;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the configured {@link StoreBackend}. Its service property {@code backend} is the
 * configuration's, and the store components target it, so a {@code config:edit} of the key
 * deactivates one store and activates the other; meanwhile the API server has no store and answers
 * 503. A name that is neither backend matches no store: the API server stays unavailable and the
 * log says why.
 */
@Component(
    service = StoreBackend.class,
    configurationPid = BackendSelector.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL,
    property = StoreBackend.PROPERTY + "=" + StoreBackend.EMBEDDED)
@Designate(ocd = BackendSelector.Config.class)
public final class BackendSelector implements StoreBackend {
  static final String PID = "io.karavel.store";
  static final Set<String> KNOWN = Set.of(StoreBackend.EMBEDDED, StoreBackend.ETCD);

  private static final Logger LOG = LoggerFactory.getLogger(BackendSelector.class);

  /** The configuration of PID {@code io.karavel.store}. */
  @ObjectClassDefinition(
      id = PID,
      name = "Karavel store backend",
      description = "Which store the API server uses; exactly one runs.")
  public @interface Config {
    @AttributeDefinition(
        description = "The store backend: embedded (data/store) or etcd (io.karavel.store.etcd).",
        options = {
          @Option(label = "embedded", value = StoreBackend.EMBEDDED),
          @Option(label = "etcd", value = StoreBackend.ETCD)
        })
    String backend() default StoreBackend.EMBEDDED;
  }

  private volatile String name = StoreBackend.EMBEDDED;

  @Activate
  @Modified
  void configure(Config config) {
    String chosen = config.backend() == null ? "" : config.backend().trim();
    String previous = name;
    name = chosen;
    if (!KNOWN.contains(chosen)) {
      LOG.error(
          "{}: backend '{}' is neither embedded nor etcd; no store runs and the API server"
              + " answers 503 until it is corrected",
          PID,
          chosen);
    } else if (!chosen.equals(previous)) {
      LOG.info("Store backend: {} (was {})", chosen, previous);
    } else {
      LOG.info("Store backend: {}", chosen);
    }
  }

  @Override
  public String name() {
    return name;
  }
}
