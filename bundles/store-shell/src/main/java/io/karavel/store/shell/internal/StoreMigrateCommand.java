package io.karavel.store.shell.internal;

import io.karavel.store.spi.KeyValueStore;
import io.karavel.store.spi.KeyValueStoreFactory;
import io.karavel.store.spi.KeyValueStoreFactory.ClosableKeyValueStore;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** {@code kube:store-migrate}: copies the embedded store into etcd and verifies the copy. */
@Command(
    scope = "kube",
    name = "store-migrate",
    description =
        "Copy every object of the embedded store into etcd, then verify the copy key by key.",
    detailedDescription =
        "Reads the running embedded store (backend = embedded in io.karavel.store) as of its"
            + " current revision and creates each key in etcd, then compares every key and value"
            + " of the two. The etcd connection is PID io.karavel.store.etcd's, each option below"
            + " overriding one of its keys. Writes made after the copy started are not copied:"
            + " stop writers first, or run again with --overwrite just before switching.\n"
            + "Then switch: config:property-set -p io.karavel.store backend etcd\n"
            + "Examples:\n"
            + "  kube:store-migrate --endpoints=http://10.0.0.5:2379\n"
            + "  kube:store-migrate --overwrite")
@Service
public class StoreMigrateCommand implements Action {
  static final String ETCD_PID = "io.karavel.store.etcd";

  /** Services are looked up by their karavel.store property here, not by Karaf's injection. */
  @Reference BundleContext bundleContext;

  @Reference(optional = true)
  ConfigurationAdmin configurationAdmin;

  @Option(
      name = "--endpoints",
      description = "etcd client URLs, comma-separated (default: io.karavel.store.etcd endpoints)")
  String endpoints;

  @Option(name = "--key-prefix", description = "etcd key prefix (default: the PID's keyPrefix)")
  String keyPrefix;

  @Option(name = "--ca-file", description = "PEM CA of the etcd servers (default: the PID's)")
  String caFile;

  @Option(name = "--cert-file", description = "PEM client certificate (default: the PID's)")
  String certFile;

  @Option(name = "--key-file", description = "PKCS#8 PEM client key (default: the PID's)")
  String keyFile;

  @Option(name = "--prefix", description = "Store keys to copy (default /registry/: all objects)")
  String prefix = "/registry/";

  @Option(name = "--batch", description = "Keys read per request (default 500)")
  int batch = 500;

  @Option(
      name = "--overwrite",
      description = "Replace keys that etcd already holds (default: refuse a non-empty target)")
  boolean overwrite;

  @Override
  public Object execute() throws Exception {
    PrintStream out = System.out;
    try (Lookup<KeyValueStore> source = lookup(KeyValueStore.class, "embedded");
        Lookup<KeyValueStoreFactory> target = lookup(KeyValueStoreFactory.class, "etcd")) {
      migrate(out, source.service, target.service);
    }
    return null;
  }

  private void migrate(PrintStream out, KeyValueStore embedded, KeyValueStoreFactory etcdFactory)
      throws Exception {
    if (embedded == null) {
      throw new IllegalStateException(
          "the embedded store is not running: migrate while backend = embedded"
              + " (io.karavel.store)");
    }
    if (etcdFactory == null) {
      throw new IllegalStateException("the etcd store bundle (io.karavel.store-etcd) is missing");
    }
    Map<String, Object> settings = etcdSettings();
    out.println("Source: embedded store at revision " + embedded.currentRevision());
    out.println(
        "Target: etcd "
            + settings.getOrDefault("endpoints", "http://127.0.0.1:2379")
            + " (key prefix '"
            + settings.getOrDefault("keyPrefix", "")
            + "')");
    try (ClosableKeyValueStore etcd = etcdFactory.open(settings)) {
      StoreCopier copier = new StoreCopier(embedded, etcd, batch, out::println);
      long existing = copier.targetCount(prefix);
      if (existing > 0 && !overwrite) {
        throw new IllegalStateException(
            "etcd already holds "
                + existing
                + " keys under "
                + prefix
                + "; pass --overwrite to replace them");
      }
      StoreCopier.Result r = copier.copy(prefix, overwrite);
      if (!r.ok()) {
        r.mismatches().forEach(m -> out.println("  " + m));
        throw new IllegalStateException(
            "the copy differs from the source in " + r.mismatches().size() + " keys");
      }
      out.println(
          "Migrated "
              + r.copied()
              + " keys ("
              + r.overwritten()
              + " replaced) as of revision "
              + r.sourceRevision()
              + "; verified "
              + r.verified()
              + " of "
              + r.copied()
              + " identical in etcd.");
      out.println("Switch with: config:property-set -p io.karavel.store backend etcd");
    }
  }

  /** A service found by type and {@code karavel.store} property, released on close. */
  private final class Lookup<T> implements AutoCloseable {
    final T service;
    private final ServiceReference<T> reference;

    Lookup(ServiceReference<T> reference) {
      this.reference = reference;
      this.service = reference == null ? null : bundleContext.getService(reference);
    }

    @Override
    public void close() {
      if (reference != null) {
        bundleContext.ungetService(reference);
      }
    }
  }

  private <T> Lookup<T> lookup(Class<T> type, String store) throws InvalidSyntaxException {
    Collection<ServiceReference<T>> found =
        bundleContext.getServiceReferences(type, "(karavel.store=" + store + ")");
    return new Lookup<>(found.isEmpty() ? null : found.iterator().next());
  }

  /** PID io.karavel.store.etcd's keys, overridden by the options given. */
  Map<String, Object> etcdSettings() throws Exception {
    Map<String, Object> settings = new LinkedHashMap<>();
    if (configurationAdmin != null) {
      Configuration[] found =
          configurationAdmin.listConfigurations("(service.pid=" + ETCD_PID + ")");
      if (found != null && found.length > 0 && found[0].getProperties() != null) {
        Dictionary<String, Object> props = found[0].getProperties();
        for (Enumeration<String> keys = props.keys(); keys.hasMoreElements(); ) {
          String key = keys.nextElement();
          settings.put(key, props.get(key));
        }
      }
    }
    put(settings, "endpoints", endpoints);
    put(settings, "keyPrefix", keyPrefix);
    put(settings, "caFile", caFile);
    put(settings, "certFile", certFile);
    put(settings, "keyFile", keyFile);
    return settings;
  }

  private static void put(Map<String, Object> settings, String key, String value) {
    if (value != null) {
      settings.put(key, value);
    }
  }
}
