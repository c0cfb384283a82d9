package io.karavel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;

/** Boots the all-in-one distribution and checks that everything it installs is really running. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AllInOneBootIT extends KaravelTestSupport {

  /**
   * Every bundle the all-in-one role installs from this project (without the io.karavel prefix).
   */
  private static final List<String> KARAVEL_BUNDLES =
      List.of(
          "store-spi",
          "store-embedded",
          "store-select",
          "store-etcd",
          "store-cache",
          "apiserver-spi",
          "schema",
          "patch",
          "protobuf",
          "pki",
          "apiserver",
          "authn-x509",
          "authz-masters",
          "api-core",
          "api-apps",
          "api-batch",
          "api-extra",
          "client",
          "shell");

  private static final List<String> KARAVEL_FEATURES =
      List.of(
          "karavel-all-in-one",
          "karavel-control-plane",
          "karavel-worker",
          "karavel-store-embedded",
          "karavel-store-select",
          "karavel-store-etcd",
          "karavel-store-cache",
          "karavel-apiserver",
          "karavel-api",
          "karavel-api-core",
          "karavel-api-apps",
          "karavel-api-batch",
          "karavel-api-extra",
          "karavel-client",
          "karavel-shell");

  /** The embedded store is the one component that must exist whatever else is still missing. */
  private static final String STORE_COMPONENT = "io.karavel.store.embedded.internal.EmbeddedStore";

  @Inject private ConfigurationAdmin configurationAdmin;

  @Test
  public void roleAndComponentFeaturesAreInstalled() throws Exception {
    for (String feature : KARAVEL_FEATURES) {
      assertFeatureInstalled(feature);
    }
  }

  @Test
  public void shellListsTheInstalledKaravelFeatures() {
    String output = executeCommand("feature:list -i");
    for (String feature : KARAVEL_FEATURES) {
      assertContains(feature, output);
    }
  }

  @Test
  public void everyBundleIsActive() {
    Map<String, String> notActive = new TreeMap<>();
    for (Bundle bundle : bundleContext.getBundles()) {
      boolean ok =
          isFragment(bundle)
              ? bundle.getState() == Bundle.RESOLVED
              : bundle.getState() == Bundle.ACTIVE;
      if (!ok) {
        notActive.put(bundle.getSymbolicName() + "/" + bundle.getVersion(), whyNotActive(bundle));
      }
    }
    assertTrue("Bundles not active: " + notActive, notActive.isEmpty());
  }

  @Test
  public void everyKaravelBundleIsInstalledAndActive() {
    Map<String, Bundle> bySymbolicName =
        karavelBundles().stream()
            .collect(Collectors.toMap(Bundle::getSymbolicName, Function.identity()));
    List<String> missing = new ArrayList<>();
    for (String name : KARAVEL_BUNDLES) {
      Bundle bundle = bySymbolicName.get(KARAVEL_BUNDLE_PREFIX + name);
      if (bundle == null) {
        missing.add(name);
      } else {
        assertEquals(
            bundle.getSymbolicName() + ": " + whyNotActive(bundle),
            Bundle.ACTIVE,
            bundle.getState());
      }
    }
    assertTrue("Karavel bundles not installed: " + missing, missing.isEmpty());
  }

  @Test
  public void everyKaravelComponentActivates() throws Exception {
    ServiceComponentRuntime scr =
        assertServiceAvailable(ServiceComponentRuntime.class, null, DEFAULT_TIMEOUT_MILLIS);
    List<ComponentDescriptionDTO> components =
        scr.getComponentDescriptionDTOs(karavelBundles().toArray(new Bundle[0])).stream()
            .collect(Collectors.toList());
    List<String> names = components.stream().map(c -> c.name).collect(Collectors.toList());
    assertTrue("No embedded store component among " + names, names.contains(STORE_COMPONENT));
    for (ComponentDescriptionDTO component : components) {
      if (!component.defaultEnabled
          || component.factory != null
          || waitsForConfiguration(component)
          || storeOfAnotherBackend(component)) {
        continue; // off until someone enables, instantiates or configures it: not a failure
      }
      assertTrue("Component " + component.name + " is disabled", scr.isComponentEnabled(component));
      assertComponentUsable(component.name);
    }
  }

  @Test
  public void defaultConfigurationComesFromTheConfigFolder() throws Exception {
    Configuration apiserver = configurationAdmin.getConfiguration("io.karavel.apiserver", null);
    Dictionary<String, Object> props = apiserver.getProperties();
    assertNotNull("etc/io.karavel.apiserver.cfg was not loaded", props);
    assertEquals(Integer.toString(apiServerPort()), String.valueOf(props.get("port")));
    assertEquals("127.0.0.1", String.valueOf(props.get("bindAddress")));

    for (String pid : List.of("io.karavel.store.embedded", "io.karavel.client")) {
      Configuration[] configs = configurationAdmin.listConfigurations("(service.pid=" + pid + ")");
      assertNotNull("etc/" + pid + ".cfg was not loaded", configs);
      Object file = configs[0].getProperties().get("felix.fileinstall.filename");
      assertNotNull(pid + " does not come from etc/", file);
      assertTrue(String.valueOf(file), String.valueOf(file).endsWith("/etc/" + pid + ".cfg"));
    }
  }

  @Test
  public void exactlyOneStoreRunsAndTheApiServerUsesItThroughTheWatchCache() throws Exception {
    assertComponentActive(STORE_COMPONENT);
    ServiceComponentRuntime scr =
        assertServiceAvailable(ServiceComponentRuntime.class, null, DEFAULT_TIMEOUT_MILLIS);
    ComponentDescriptionDTO etcd =
        scr.getComponentDescriptionDTOs(karavelBundles().toArray(new Bundle[0])).stream()
            .filter(c -> c.name.equals("io.karavel.store.etcd.internal.EtcdStore"))
            .findFirst()
            .orElseThrow();
    for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(etcd)) {
      assertEquals(
          "the etcd store runs only with backend = etcd",
          ComponentConfigurationDTO.UNSATISFIED_REFERENCE,
          c.state);
    }
    ServiceReference<?>[] stores =
        bundleContext.getServiceReferences("io.karavel.store.spi.KeyValueStore", null);
    List<String> kinds = new ArrayList<>();
    for (ServiceReference<?> ref : stores) {
      kinds.add(String.valueOf(ref.getProperty("karavel.store")));
    }
    kinds.sort(null);
    assertEquals(List.of("cache", "embedded"), kinds);
  }

  /** A store whose backend is not the configured one (io.karavel.store): off by design. */
  private boolean storeOfAnotherBackend(ComponentDescriptionDTO component) throws Exception {
    ServiceReference<?>[] chosen =
        bundleContext.getServiceReferences("io.karavel.store.spi.StoreBackend", null);
    String backend = chosen == null ? "" : String.valueOf(chosen[0].getProperty("backend"));
    for (ReferenceDTO ref : component.references) {
      if (ref.interfaceName.equals("io.karavel.store.spi.StoreBackend")) {
        return ref.target != null && !ref.target.equals("(backend=" + backend + ")");
      }
    }
    return false;
  }

  /** A component that needs a configuration nobody has provided (e.g. an alternative store). */
  private boolean waitsForConfiguration(ComponentDescriptionDTO component) throws Exception {
    if (!"require".equals(component.configurationPolicy)) {
      return false;
    }
    for (String pid : component.configurationPid) {
      if (configurationAdmin.listConfigurations(
              "(|(service.pid=" + pid + ")(service.factoryPid=" + pid + "))")
          != null) {
        return false;
      }
    }
    return true;
  }
}
