package io.karavel.itests;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.extra.VMOption;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Base class of the integration tests: boots the all-in-one distribution in Pax Exam with the API
 * server on a free loopback port, and offers shell, service, component and feature helpers that run
 * inside the container.
 *
 * <p>The {@link #config()} method runs in the test driver JVM; every other method runs inside
 * Karaf, where the values chosen by the driver arrive as system properties.
 */
public abstract class KaravelTestSupport {

  /** System property carrying the API server port chosen by the driver into the container. */
  protected static final String API_PORT_PROPERTY = "karavel.itest.apiserver.port";

  protected static final long DEFAULT_TIMEOUT_MILLIS = 30_000;

  /** Symbolic-name prefix of the project's own bundles. */
  protected static final String KARAVEL_BUNDLE_PREFIX = "io.karavel.";

  @Inject protected BundleContext bundleContext;

  @Inject protected FeaturesService featuresService;

  @Inject protected SessionFactory sessionFactory;

  /** Injected only once the boot features are installed, so every test starts from a full boot. */
  @Inject protected BootFinished bootFinished;

  private final ExecutorService commandExecutor = Executors.newCachedThreadPool();

  @After
  public void stopCommandExecutor() {
    commandExecutor.shutdownNow();
  }

  // ------------------------------------------------------------------ container configuration

  /**
   * The Pax Exam configuration (driver side). Subclasses add options through {@link
   * #extraOptions()} rather than overriding this method.
   */
  @Configuration
  public Option[] config() {
    String distribution = requiredProperty("karavel.distribution");
    String karafVersion = requiredProperty("karaf.version");
    String localRepository = System.getProperty("org.ops4j.pax.url.mvn.localRepository", "");
    List<Option> options = new ArrayList<>();
    options.add(
        karafDistributionConfiguration()
            .frameworkUrl(new File(distribution).toURI().toString())
            .name("Karavel all-in-one")
            .karafVersion(karafVersion)
            .unpackDirectory(new File("target/exam"))
            .useDeployFolder(false));
    options.add(configureConsole().ignoreLocalConsole().ignoreRemoteShell());
    options.add(keepRuntimeFolder());
    options.add(logLevel(LogLevel.INFO));
    options.add(systemTimeout(120_000));

    String apiPort = Integer.toString(freePort());
    options.add(systemProperty(API_PORT_PROPERTY).value(apiPort));
    options.add(editConfigurationFilePut("etc/io.karavel.apiserver.cfg", "port", apiPort));
    options.add(
        editConfigurationFilePut("etc/io.karavel.apiserver.cfg", "bindAddress", "127.0.0.1"));
    // Never collide with a distribution started by ./karavel up on the same machine.
    options.add(
        editConfigurationFilePut(
            "etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())));
    options.add(
        editConfigurationFilePut(
            "etc/org.ops4j.pax.url.mvn.cfg",
            "org.ops4j.pax.url.mvn.localRepository",
            localRepository));
    options.add(
        editConfigurationFilePut("etc/org.apache.karaf.features.cfg", "updateSnapshots", "none"));
    options.addAll(java17VmOptions(karafVersion));
    options.addAll(Arrays.asList(extraOptions()));
    return options.toArray(new Option[0]);
  }

  /** Further Pax Exam options of a test class (driver side), e.g. another featuresBoot. */
  protected Option[] extraOptions() {
    return new Option[0];
  }

  /**
   * The JVM options Karaf's own {@code bin/karaf} passes on Java 9 and later. Without them the
   * specs locator is missing ({@code NoClassDefFoundError: ...OsgiLocator}) and ALPN fails, while a
   * careless test could still pass.
   */
  private static List<Option> java17VmOptions(String karafVersion) {
    List<String> args =
        List.of(
            "--add-reads=java.xml=java.logging",
            "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
            "--patch-module",
            "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar",
            "--patch-module",
            "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar",
            "--add-opens",
            "java.base/java.security=ALL-UNNAMED",
            "--add-opens",
            "java.base/java.net=ALL-UNNAMED",
            "--add-opens",
            "java.base/java.lang=ALL-UNNAMED",
            "--add-opens",
            "java.base/java.util=ALL-UNNAMED",
            "--add-opens",
            "java.naming/javax.naming.spi=ALL-UNNAMED",
            "--add-opens",
            "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
            "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
            "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
            // The distribution's own heap and collector (bin/setenv is not read by Pax Exam).
            "-Xms64m",
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-classpath",
            "lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*");
    return args.stream().map(VMOption::new).collect(Collectors.toList());
  }

  private static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "System property " + name + " is not set: run the tests through Maven (itests/pom.xml)");
    }
    return value;
  }

  /** A TCP port free on loopback right now. */
  protected static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------ container-side helpers

  /** The API server port chosen for this boot (etc/io.karavel.apiserver.cfg, key port). */
  protected int apiServerPort() {
    return Integer.parseInt(
        Objects.requireNonNull(System.getProperty(API_PORT_PROPERTY), API_PORT_PROPERTY));
  }

  /**
   * A raw HTTPS client for the API server as the administrator, once the server is ready: the admin
   * kubeconfig is written ({@code data/admin.kubeconfig}) and namespace {@code default} exists.
   */
  protected AdminApiClient adminApi() {
    Path kubeconfig = Path.of(System.getProperty("karaf.data"), "admin.kubeconfig");
    awaitCondition("admin kubeconfig " + kubeconfig, () -> Files.isRegularFile(kubeconfig));
    URI server = URI.create("https://127.0.0.1:" + apiServerPort());
    AdminApiClient api;
    try {
      api = AdminApiClient.fromKubeconfig(kubeconfig, server);
    } catch (IOException e) {
      throw new AssertionError("Cannot read " + kubeconfig, e);
    }
    awaitCondition(
        "namespace default served at " + server,
        () -> api.get("/api/v1/namespaces/default").status() == 200);
    return api;
  }

  /** A condition polled by {@link #awaitCondition}; an exception counts as not (yet) true. */
  @FunctionalInterface
  protected interface Condition {
    boolean holds() throws Exception;
  }

  /** Polls the condition until it holds; fails after {@link #DEFAULT_TIMEOUT_MILLIS}. */
  protected static void awaitCondition(String description, Condition condition) {
    awaitCondition(description, DEFAULT_TIMEOUT_MILLIS, condition);
  }

  /** Polls the condition every 100 ms until it holds; fails after the timeout. */
  protected static void awaitCondition(
      String description, long timeoutMillis, Condition condition) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    Exception last = null;
    while (true) {
      try {
        if (condition.holds()) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("Not true within " + timeoutMillis + " ms: " + description, last);
      }
      sleep(100);
    }
  }

  /** Runs a Karaf shell command and returns what it printed; fails on error or after 30 s. */
  protected String executeCommand(String command) {
    return executeCommand(command, DEFAULT_TIMEOUT_MILLIS);
  }

  /** Runs a Karaf shell command and returns what it printed; fails on error or timeout. */
  protected String executeCommand(String command, long timeoutMillis) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    Session session = sessionFactory.create(System.in, print, print);
    Future<Object> result = commandExecutor.submit(() -> session.execute(command));
    try {
      result.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      fail("Command timed out after " + timeoutMillis + " ms: " + command + "\n" + out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new AssertionError("Command failed: " + command + "\n" + out, e.getCause());
    } finally {
      session.close();
    }
    print.flush();
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Waits until a service of the given type (and optional LDAP filter) is registered and returns
   * it; fails after the timeout.
   */
  protected <T> T assertServiceAvailable(Class<T> type, String filter, long timeoutMillis) {
    String spec = "(" + Constants.OBJECTCLASS + "=" + type.getName() + ")";
    if (filter != null && !filter.isBlank()) {
      spec = "(&" + spec + filter + ")";
    }
    Filter osgiFilter;
    try {
      osgiFilter = FrameworkUtil.createFilter(spec);
    } catch (InvalidSyntaxException e) {
      throw new IllegalArgumentException("Bad filter " + spec, e);
    }
    ServiceTracker<T, T> tracker = new ServiceTracker<>(bundleContext, osgiFilter, null);
    tracker.open();
    try {
      T service = tracker.waitForService(timeoutMillis);
      assertNotNull("No service " + spec + " within " + timeoutMillis + " ms", service);
      return service;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      tracker.close();
    }
  }

  /**
   * Waits until the named DS component has a configuration in state ACTIVE. A delayed component
   * whose service nobody uses yet stays SATISFIED; {@link #assertComponentUsable} covers those.
   */
  protected ComponentConfigurationDTO assertComponentActive(String componentName) {
    return awaitComponentState(componentName, ComponentConfigurationDTO.ACTIVE);
  }

  /**
   * Asserts that the named component works: ACTIVE, or SATISFIED and then ACTIVE once its service
   * is requested (which activates a delayed component for real, running its activate method).
   */
  protected ComponentConfigurationDTO assertComponentUsable(String componentName) {
    ComponentConfigurationDTO config =
        awaitComponentState(
            componentName, ComponentConfigurationDTO.ACTIVE | ComponentConfigurationDTO.SATISFIED);
    if (config.state == ComponentConfigurationDTO.ACTIVE) {
      return config;
    }
    ServiceReference<?> ref = serviceOf(config);
    assertNotNull("Satisfied component " + componentName + " registers no service", ref);
    Object service = bundleContext.getService(ref);
    try {
      if (service == null) {
        fail("Component " + componentName + " failed to activate: " + describe(componentName));
      }
      return assertComponentActive(componentName);
    } finally {
      bundleContext.ungetService(ref);
    }
  }

  private ServiceReference<?> serviceOf(ComponentConfigurationDTO config) {
    try {
      ServiceReference<?>[] refs =
          bundleContext.getAllServiceReferences(null, "(component.id=" + config.id + ")");
      return refs == null ? null : refs[0];
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private ComponentConfigurationDTO awaitComponentState(String componentName, int stateMask) {
    ServiceComponentRuntime scr =
        assertServiceAvailable(ServiceComponentRuntime.class, null, DEFAULT_TIMEOUT_MILLIS);
    long deadline = System.currentTimeMillis() + DEFAULT_TIMEOUT_MILLIS;
    String last = "not found";
    while (true) {
      Optional<ComponentDescriptionDTO> description =
          scr.getComponentDescriptionDTOs().stream()
              .filter(d -> d.name.equals(componentName))
              .findFirst();
      if (description.isPresent()) {
        Collection<ComponentConfigurationDTO> configs =
            scr.getComponentConfigurationDTOs(description.get());
        for (ComponentConfigurationDTO c : configs) {
          if ((c.state & stateMask) != 0) {
            return c;
          }
        }
        last = describe(configs);
      }
      if (System.currentTimeMillis() > deadline) {
        fail("Component " + componentName + " is not in the expected state: " + last);
      }
      sleep(100);
    }
  }

  /** The current state of the named component's configurations, for failure messages. */
  protected String describe(String componentName) {
    ServiceComponentRuntime scr =
        assertServiceAvailable(ServiceComponentRuntime.class, null, DEFAULT_TIMEOUT_MILLIS);
    return scr.getComponentDescriptionDTOs().stream()
        .filter(d -> d.name.equals(componentName))
        .findFirst()
        .map(d -> describe(scr.getComponentConfigurationDTOs(d)))
        .orElse("no such component");
  }

  /** A readable account of component configurations: state, and what is missing. */
  protected static String describe(Collection<ComponentConfigurationDTO> configs) {
    if (configs.isEmpty()) {
      return "no configuration (configuration policy REQUIRE without a configuration?)";
    }
    StringBuilder sb = new StringBuilder();
    for (ComponentConfigurationDTO c : configs) {
      sb.append(stateName(c.state));
      for (UnsatisfiedReferenceDTO ref : c.unsatisfiedReferences) {
        sb.append(" unsatisfied reference ").append(ref.name).append(' ').append(ref.target);
      }
      if (c.failure != null) {
        sb.append(" failure: ").append(c.failure);
      }
      sb.append("; ");
    }
    return sb.toString();
  }

  protected static String stateName(int state) {
    switch (state) {
      case ComponentConfigurationDTO.ACTIVE:
        return "ACTIVE";
      case ComponentConfigurationDTO.SATISFIED:
        return "SATISFIED";
      case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION:
        return "UNSATISFIED_CONFIGURATION";
      case ComponentConfigurationDTO.UNSATISFIED_REFERENCE:
        return "UNSATISFIED_REFERENCE";
      case ComponentConfigurationDTO.FAILED_ACTIVATION:
        return "FAILED_ACTIVATION";
      default:
        return "state " + state;
    }
  }

  /** The project's own bundles (symbolic name io.karavel.*). */
  protected List<Bundle> karavelBundles() {
    return Arrays.stream(bundleContext.getBundles())
        .filter(
            b ->
                b.getSymbolicName() != null
                    && b.getSymbolicName().startsWith(KARAVEL_BUNDLE_PREFIX))
        .collect(Collectors.toList());
  }

  /** The installed bundle with this symbolic name, if any. */
  protected Optional<Bundle> bundle(String symbolicName) {
    return Arrays.stream(bundleContext.getBundles())
        .filter(b -> symbolicName.equals(b.getSymbolicName()))
        .findFirst();
  }

  /** The DS component descriptions with this name, of whichever bundles declare one. */
  protected List<ComponentDescriptionDTO> componentDescriptions(String componentName) {
    ServiceComponentRuntime scr =
        assertServiceAvailable(ServiceComponentRuntime.class, null, DEFAULT_TIMEOUT_MILLIS);
    return scr.getComponentDescriptionDTOs().stream()
        .filter(d -> d.name.equals(componentName))
        .collect(Collectors.toList());
  }

  protected static boolean isFragment(Bundle bundle) {
    return bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
  }

  /**
   * Why a bundle is not active: for an unresolved bundle, starting it makes the framework name the
   * missing requirement.
   */
  protected static String whyNotActive(Bundle bundle) {
    String state = bundleStateName(bundle.getState());
    if (bundle.getState() == Bundle.INSTALLED) {
      try {
        bundle.start(Bundle.START_TRANSIENT);
        return state + " (started on retry)";
      } catch (BundleException e) {
        return state + ": " + e.getMessage();
      }
    }
    return state;
  }

  protected static String bundleStateName(int state) {
    switch (state) {
      case Bundle.INSTALLED:
        return "INSTALLED";
      case Bundle.RESOLVED:
        return "RESOLVED";
      case Bundle.STARTING:
        return "STARTING";
      case Bundle.STOPPING:
        return "STOPPING";
      case Bundle.ACTIVE:
        return "ACTIVE";
      case Bundle.UNINSTALLED:
        return "UNINSTALLED";
      default:
        return "state " + state;
    }
  }

  // ------------------------------------------------------------------ features

  protected void assertFeatureInstalled(String name) throws Exception {
    Feature feature = featuresService.getFeature(name);
    assertNotNull("Unknown feature " + name, feature);
    assertTrue("Feature " + name + " is not installed", featuresService.isInstalled(feature));
  }

  protected void assertFeatureNotInstalled(String name) throws Exception {
    Feature feature = featuresService.getFeature(name);
    assertNotNull("Unknown feature " + name, feature);
    assertTrue("Feature " + name + " is installed", !featuresService.isInstalled(feature));
  }

  /**
   * Installs a feature without refreshing bundles of other features, as a hot swap would. Only a
   * feature installed on its own (not as part of a role feature) can be uninstalled again.
   */
  protected void installFeature(String name) throws Exception {
    featuresService.installFeature(name, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
    assertFeatureInstalled(name);
  }

  /** Uninstalls a feature installed on its own, without refreshing other bundles. */
  protected void uninstallFeature(String name) throws Exception {
    featuresService.uninstallFeature(name, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
    assertFeatureNotInstalled(name);
  }

  protected static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  protected static void assertContains(String expected, String actual) {
    assertTrue("Expected <" + expected + "> in:\n" + actual, actual.contains(expected));
  }
}
