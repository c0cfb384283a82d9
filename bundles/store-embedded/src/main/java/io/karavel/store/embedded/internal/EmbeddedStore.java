package io.karavel.store.embedded.internal;

import io.karavel.store.spi.ForwardingKeyValueStore;
import io.karavel.store.spi.KeyValueStore;
import io.karavel.store.spi.StoreBackend;
import io.karavel.store.spi.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
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
 * The embedded store as a service: pure Java, persistent under {@code dataDir}, durable on
 * acknowledgement. A configuration change applies live; a new {@code dataDir} reopens the store
 * there, ending the watches on the old one with {@link StoreUnavailableException}. It runs only
 * while the configured {@link StoreBackend} (PID {@code io.karavel.store}) is {@code embedded}.
 */
@Component(
    service = KeyValueStore.class,
    configurationPid = EmbeddedStore.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL,
    property = "karavel.store=embedded")
@Designate(ocd = EmbeddedStore.Config.class)
public final class EmbeddedStore extends ForwardingKeyValueStore {
  static final String PID = "io.karavel.store.embedded";

  /** The configuration of PID {@code io.karavel.store.embedded}. */
  @ObjectClassDefinition(
      id = PID,
      name = "Karavel embedded store",
      description = "The default key-value store: an append-only log under dataDir.")
  public @interface Config {
    @AttributeDefinition(
        description =
            "Directory of the log and snapshots; ${karaf.data} is replaced by that system"
                + " property, or by ./data when it is not set.")
    String dataDir() default "${karaf.data}/store";

    @AttributeDefinition(description = "Force every acknowledged write to disk (fsync).")
    boolean fsync() default true;

    @AttributeDefinition(description = "Seconds between compactions of the history; 0 disables.")
    long compactionIntervalSeconds() default 300;

    @AttributeDefinition(
        description = "Seconds a superseded revision stays readable and watchable.")
    long historyRetentionSeconds() default 600;

    @AttributeDefinition(
        description = "Most revisions of history kept in memory regardless of age; 0: no cap.")
    long historyMaxRevisions() default 100_000;

    @AttributeDefinition(
        description =
            "Microseconds the commit writer waits for more writes before forcing the log, when"
                + " writes arrive closer together than that (group commit); 0 never waits.")
    long commitDelayMicros() default StoreSettings.DEFAULT_COMMIT_DELAY_MICROS;

    @AttributeDefinition(description = "Largest value accepted, in bytes.")
    int maxValueBytes() default 4 * 1024 * 1024;

    @AttributeDefinition(
        description = "Log bytes after which the log is rotated and a snapshot is written.")
    long snapshotEveryBytes() default 64L * 1024 * 1024;
  }

  /** Only the chosen backend runs: choosing another one deactivates this store. */
  @Reference(target = "(" + StoreBackend.PROPERTY + "=" + StoreBackend.EMBEDDED + ")")
  private StoreBackend backend;

  private volatile LogStore store;

  @Activate
  void activate(Config config) throws IOException {
    store = LogStore.open(settings(config));
  }

  @Modified
  synchronized void modified(Config config) throws IOException {
    StoreSettings next = settings(config);
    LogStore current = store;
    if (current != null && current.settings().dataDir().equals(next.dataDir())) {
      current.reconfigure(next);
      return;
    }
    LogStore reopened = LogStore.open(next);
    store = reopened;
    if (current != null) {
      current.close();
    }
  }

  @Deactivate
  synchronized void deactivate() {
    LogStore current = store;
    store = null;
    if (current != null) {
      current.close();
    }
  }

  static StoreSettings settings(Config config) {
    return new StoreSettings(
        resolveDataDir(config.dataDir()),
        config.fsync(),
        config.maxValueBytes(),
        config.snapshotEveryBytes(),
        Duration.ofSeconds(config.compactionIntervalSeconds()),
        Duration.ofSeconds(config.historyRetentionSeconds()),
        config.historyMaxRevisions(),
        Duration.of(config.commitDelayMicros(), ChronoUnit.MICROS));
  }

  static Path resolveDataDir(String configured) {
    String value = configured == null || configured.isBlank() ? "${karaf.data}/store" : configured;
    String karafData = System.getProperty("karaf.data");
    return Path.of(value.replace("${karaf.data}", karafData == null ? "./data" : karafData))
        .toAbsolutePath()
        .normalize();
  }

  private LogStore store() {
    LogStore s = store;
    if (s == null) {
      throw new StoreUnavailableException("the embedded store is not active");
    }
    return s;
  }

  @Override
  protected KeyValueStore delegate() {
    return store();
  }

  /** For tests: the store behind the service. */
  LogStore engine() {
    return store();
  }
}
