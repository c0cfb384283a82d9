package io.karavel.store.etcd.internal;

import io.karavel.store.spi.ForwardingKeyValueStore;
import io.karavel.store.spi.KeyValueStore;
import io.karavel.store.spi.StoreBackend;
import io.karavel.store.spi.StoreUnavailableException;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The etcd store as a service: runs only while the configured {@link StoreBackend} (PID {@code
 * io.karavel.store}) is {@code etcd}, with the settings of PID {@code io.karavel.store.etcd} (its
 * defaults when that is not configured). A configuration change applies live: a new compaction
 * interval just reschedules; any other change reconnects, ending the watches on the old connection
 * with {@link StoreUnavailableException}.
 */
@Component(
    service = KeyValueStore.class,
    configurationPid = EtcdStore.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL,
    property = "karavel.store=etcd")
@Designate(ocd = EtcdStore.Config.class)
public final class EtcdStore extends ForwardingKeyValueStore {
  static final String PID = "io.karavel.store.etcd";

  /** The configuration of PID {@code io.karavel.store.etcd}. */
  @ObjectClassDefinition(
      id = PID,
      name = "Karavel etcd store",
      description = "A key-value store on an external etcd v3 cluster.")
  public @interface Config {
    @AttributeDefinition(
        description = "Comma-separated etcd client URLs, all http:// or all https://.")
    String endpoints() default EtcdSettings.DEFAULT_ENDPOINTS;

    @AttributeDefinition(
        description =
            "PEM file of the authorities that sign the etcd servers' certificates; empty: the"
                + " JDK's default trust store (used only with TLS).")
    String caFile() default "";

    @AttributeDefinition(
        description = "PEM client certificate for mutual TLS; empty: no client certificate.")
    String certFile() default "";

    @AttributeDefinition(description = "PKCS#8 PEM private key of certFile.")
    String keyFile() default "";

    @AttributeDefinition(description = "Milliseconds to wait for a TCP connection to etcd.")
    long dialTimeoutMillis() default 5_000;

    @AttributeDefinition(
        description = "Milliseconds one request may take before it fails as unavailable.")
    long requestTimeoutMillis() default 10_000;

    @AttributeDefinition(
        description =
            "Milliseconds a connection to a member may stay silent before it is pinged (gRPC"
                + " raises values below 10000 to 10000).")
    long keepaliveTimeMillis() default 30_000;

    @AttributeDefinition(
        description =
            "Milliseconds an unanswered ping waits before the connection is closed and requests"
                + " go to the other members.")
    long keepaliveTimeoutMillis() default 10_000;

    @AttributeDefinition(
        description =
            "Seconds between compactions of etcd's history, each up to the revision seen at the"
                + " previous one; 0 disables.")
    long compactionIntervalSeconds() default 300;

    @AttributeDefinition(
        description =
            "Prefix of every key in etcd (empty: keys are /registry/...), to share a cluster.")
    String keyPrefix() default "";

    @AttributeDefinition(
        description =
            "Largest value accepted, in bytes; keep it 4 KiB below etcd's --max-request-bytes.")
    int maxValueBytes() default EtcdSettings.DEFAULT_MAX_VALUE_BYTES;
  }

  /** Only the chosen backend runs: choosing another one deactivates this store. */
  @Reference(target = "(" + StoreBackend.PROPERTY + "=" + StoreBackend.ETCD + ")")
  private StoreBackend backend;

  private volatile JetcdStore store;

  @Activate
  void activate(Config config) {
    store = JetcdStore.open(settings(config));
  }

  @Modified
  synchronized void modified(Config config) {
    EtcdSettings next = settings(config);
    JetcdStore current = store;
    if (current != null
        && current.settings().withCompactionInterval(next.compactionInterval()).equals(next)) {
      current.scheduleCompaction(next.compactionInterval());
      return;
    }
    JetcdStore reopened = JetcdStore.open(next);
    store = reopened;
    if (current != null) {
      current.close();
    }
  }

  @Deactivate
  synchronized void deactivate() {
    JetcdStore current = store;
    store = null;
    if (current != null) {
      current.close();
      // Netty's shared helper thread (nested in this bundle) stops a second after its last task;
      // wait for it so that no thread of this bundle outlives it.
      try {
        GlobalEventExecutor.INSTANCE.awaitInactivity(3, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static EtcdSettings settings(Config config) {
    return new EtcdSettings(
        EtcdSettings.parseEndpoints(config.endpoints()),
        EtcdSettings.optionalPath(config.caFile()),
        EtcdSettings.optionalPath(config.certFile()),
        EtcdSettings.optionalPath(config.keyFile()),
        Duration.ofMillis(config.dialTimeoutMillis()),
        Duration.ofMillis(config.requestTimeoutMillis()),
        Duration.ofMillis(config.keepaliveTimeMillis()),
        Duration.ofMillis(config.keepaliveTimeoutMillis()),
        Duration.ofSeconds(config.compactionIntervalSeconds()),
        config.keyPrefix() == null ? "" : config.keyPrefix(),
        config.maxValueBytes());
  }

  private JetcdStore store() {
    JetcdStore s = store;
    if (s == null) {
      throw new StoreUnavailableException("the etcd store is not active");
    }
    return s;
  }

  @Override
  protected KeyValueStore delegate() {
    return store();
  }

  /** For tests: the store behind the service. */
  JetcdStore engine() {
    return store();
  }
}
