package io.karavel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/**
 * The scheduler in the all-in-one: its features are installed, the scheduler, the default profile
 * and every default plugin are active DS components, and stopping the plugins bundle leaves the
 * scheduler running (it only loses the plugins) until the bundle comes back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SchedulerComponentsIT extends KaravelTestSupport {
  private static final String PLUGINS = "io.karavel.scheduler.plugins.internal.";
  private static final List<String> DEFAULT_PLUGINS =
      List.of(
          "PrioritySort",
          "SchedulingGates",
          "NodeUnschedulable",
          "NodeName",
          "TaintToleration",
          "NodeAffinity",
          "NodePorts",
          "NodeResourcesFit",
          "PodTopologySpread",
          "NodeResourcesBalancedAllocation",
          "ImageLocality",
          "DefaultBinder");
  private static final String PLUGIN_SERVICE = "io.karavel.scheduler.spi.Plugin";

  @Test
  public void featuresAreInstalled() throws Exception {
    for (String f :
        List.of("karavel-scheduler-spi", "karavel-scheduler", "karavel-scheduler-plugins")) {
      assertFeatureInstalled(f);
    }
  }

  @Test
  public void schedulerProfileAndPluginsAreActive() throws Exception {
    assertComponentActive("io.karavel.scheduler.internal.Scheduler");
    ComponentConfigurationDTO profile =
        assertComponentActive("io.karavel.scheduler.internal.SchedulerProfile");
    assertTrue(
        "the default profile comes from etc/io.karavel.scheduler.profile-default.cfg: "
            + profile.properties,
        String.valueOf(profile.properties.get("felix.fileinstall.filename"))
            .endsWith("io.karavel.scheduler.profile-default.cfg"));
    for (String plugin : DEFAULT_PLUGINS) {
      assertComponentUsable(PLUGINS + plugin);
    }
    awaitCondition(
        "every default plugin registered", () -> pluginNames().containsAll(DEFAULT_PLUGINS));
  }

  @Test
  public void stoppingThePluginsBundleLeavesTheSchedulerRunning() throws Exception {
    Bundle plugins = bundle("io.karavel.scheduler-plugins").orElseThrow();
    awaitCondition("plugins registered", () -> pluginNames().contains("NodeResourcesFit"));
    plugins.stop();
    try {
      // DefaultPreemption lives in its own bundle (io.karavel.scheduler-preemption) and stays.
      awaitCondition(
          "plugins gone", () -> java.util.Collections.disjoint(pluginNames(), DEFAULT_PLUGINS));
      assertTrue(pluginNames().contains("DefaultPreemption"));
      assertEquals(
          ComponentConfigurationDTO.ACTIVE,
          assertComponentActive("io.karavel.scheduler.internal.Scheduler").state);
    } finally {
      plugins.start();
    }
    awaitCondition("plugins back", () -> pluginNames().containsAll(DEFAULT_PLUGINS));
    assertComponentActive("io.karavel.scheduler.internal.Scheduler");
  }

  @Test
  public void shellCommandsShowProfilesPluginsAndQueue() {
    awaitCondition(
        "default profile ready",
        () ->
            executeCommand("kube:scheduler-profiles").contains("Profile default-scheduler: ready"));
    String profiles = executeCommand("kube:scheduler-profiles");
    assertTrue(
        profiles, profiles.contains("TaintToleration:3, NodeAffinity:2, NodeResourcesFit:1"));
    String plugins = executeCommand("kube:scheduler-plugins");
    assertTrue(plugins, plugins.contains("io.karavel.scheduler-plugins"));
    assertTrue(plugins, plugins.contains("preFilter,filter,score"));
    String queue = executeCommand("kube:scheduler-queue");
    assertTrue(queue, queue.contains("Queue:") || queue.contains("not leading"));
  }

  private List<String> pluginNames() throws Exception {
    ServiceReference<?>[] refs = bundleContext.getAllServiceReferences(PLUGIN_SERVICE, null);
    if (refs == null) {
      return List.of();
    }
    return java.util.Arrays.stream(refs)
        .map(r -> String.valueOf(r.getProperty("karavel.scheduler.plugin")))
        .toList();
  }
}
