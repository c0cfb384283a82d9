package io.karavel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.itests.AdminApiClient.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Hot swap of an API group: the apps/v1 bundle is uninstalled and installed again while a watch on
 * deployments is open. Discovery must follow, the group's URLs must answer 404 in between, other
 * groups must keep working, the watch must survive or end cleanly, and no stored object may be
 * lost.
 *
 * <p>The bundle itself is uninstalled (BundleContext), not the {@code karavel-api-apps} feature:
 * the all-in-one installs that feature only as a dependency of its role feature, and Karaf
 * uninstalls only features that were installed on their own. Uninstalling the bundle is also the
 * harder case than {@code stop()}: the group comes back from a new bundle with a new class loader.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ApiGroupHotSwapIT extends KaravelTestSupport {

  private static final String APPS_BUNDLE = "io.karavel.api-apps";
  private static final String APPS_COMPONENT = "io.karavel.api.apps.internal.AppsV1Provider";

  private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";
  private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";
  private static final String NAME = "hotswap";
  private static final String CONTROL = "hotswap-control";

  /** How long an event already caused by a request may take to reach an open watch. */
  private static final long EVENT_TIMEOUT_MILLIS = 30_000;

  /**
   * How long an open watch is observed for frames that must not come (or for its end). Nothing can
   * be waited for here, so this is a bounded quiet period, not a synchronisation.
   */
  private static final long QUIET_MILLIS = 2_000;

  /** Uninstalling and installing a bundle on this busy 2-core machine can take a while. */
  private static final long SWAP_TIMEOUT_MILLIS = 60_000;

  @Test
  public void appsGroupIsUninstalledAndInstalledAgainUnderAnOpenWatch() throws Exception {
    AdminApiClient api = adminApi();
    Bundle original = bundle(APPS_BUNDLE).orElseThrow(() -> new AssertionError(APPS_BUNDLE));
    assertEquals(Bundle.ACTIVE, original.getState());
    assertComponentUsable(APPS_COMPONENT);

    // 1. A Deployment, and a ConfigMap of another group as a control.
    JsonNode created = api.post(DEPLOYMENTS, deployment(NAME)).expect(201).json();
    JsonNode control = api.post(CONFIGMAPS, configMap(CONTROL)).expect(201).json();
    String uid = created.path("metadata").path("uid").asText();
    assertFalse("created deployment has no uid: " + created, uid.isEmpty());

    // 2. A watch on deployments, which starts with the existing object as ADDED.
    try (WatchConnection oldWatch = api.watch(DEPLOYMENTS + "?watch=true")) {
      JsonNode added = oldWatch.next(EVENT_TIMEOUT_MILLIS);
      assertEquals("ADDED", added.path("type").asText());
      assertEquals(uid, uid(added.path("object")));

      // 3. Uninstall the group's bundle.
      String location = original.getLocation();
      long originalId = original.getBundleId();
      original.uninstall();
      assertEquals(Bundle.UNINSTALLED, original.getState());
      awaitCondition(
          "apps/v1 leaves discovery",
          SWAP_TIMEOUT_MILLIS,
          () -> api.get("/apis/apps/v1").status() == 404);

      // 4. The group is gone everywhere, the rest of the API is not.
      assertTrue("bundle still installed", bundle(APPS_BUNDLE).isEmpty());
      assertTrue(
          "component still declared: " + componentDescriptions(APPS_COMPONENT),
          componentDescriptions(APPS_COMPONENT).isEmpty());
      assertAppsNotDiscovered(api);
      assertNotFoundStatus(api.get(DEPLOYMENTS + "/" + NAME));
      assertNotFoundStatus(api.get(DEPLOYMENTS));
      assertNotFoundStatus(api.post(DEPLOYMENTS, deployment("during-swap")));
      assertNotFoundStatus(api.get(DEPLOYMENTS + "?watch=true"));
      JsonNode controlDuring = api.get(CONFIGMAPS + "/" + CONTROL).expect(200).json();
      assertEquals(uid(control), uid(controlDuring));
      api.get("/apis/batch/v1").expect(200);
      api.get("/readyz").expect(200);

      // The watch opened before the swap outlives the group: it stays open and sends nothing
      // (nothing can write deployments while the group is gone).
      assertNull("frame on the watch while apps/v1 is gone", oldWatch.poll(QUIET_MILLIS));
      assertEquals(
          "watch state while apps/v1 is gone", WatchConnection.State.OPEN, oldWatch.state());

      // 5. Install the bundle again from the same location.
      Bundle reinstalled = bundleContext.installBundle(location);
      reinstalled.start();
      assertEquals(APPS_BUNDLE, reinstalled.getSymbolicName());
      assertNotEquals("a new bundle, not the old one", originalId, reinstalled.getBundleId());
      assertEquals(Bundle.ACTIVE, reinstalled.getState());
      awaitCondition(
          "apps/v1 back in discovery",
          SWAP_TIMEOUT_MILLIS,
          () -> api.get("/apis/apps/v1").status() == 200);
      assertComponentUsable(APPS_COMPONENT);
      List<ComponentDescriptionDTO> descriptions = componentDescriptions(APPS_COMPONENT);
      assertEquals(1, descriptions.size());
      assertEquals(reinstalled.getBundleId(), descriptions.get(0).bundle.id);
      assertAppsDiscovered(api);

      // No stored data lost: same object, same identity, same spec, same revision.
      JsonNode after = api.get(DEPLOYMENTS + "/" + NAME).expect(200).json();
      assertEquals(uid, uid(after));
      assertEquals(created.path("spec"), after.path("spec"));
      assertEquals(
          created.path("metadata").path("resourceVersion"),
          after.path("metadata").path("resourceVersion"));
      assertEquals(
          created.path("metadata").path("creationTimestamp"),
          after.path("metadata").path("creationTimestamp"));
      assertEquals(
          created.path("metadata").path("generation"), after.path("metadata").path("generation"));
      JsonNode list = api.get(DEPLOYMENTS).expect(200).json();
      assertEquals(List.of(NAME), names(list));
      assertEquals(uid(control), uid(api.get(CONFIGMAPS + "/" + CONTROL).expect(200).json()));

      // A new watch sees the object and a change to it.
      try (WatchConnection newWatch = api.watch(DEPLOYMENTS + "?watch=true")) {
        JsonNode initial = newWatch.next(EVENT_TIMEOUT_MILLIS);
        assertEquals("ADDED", initial.path("type").asText());
        assertEquals(uid, uid(initial.path("object")));

        ObjectNode patch = AdminApiClient.JSON.createObjectNode();
        patch.putObject("spec").put("replicas", 3);
        JsonNode patched = api.mergePatch(DEPLOYMENTS + "/" + NAME, patch).expect(200).json();
        assertEquals(3, patched.path("spec").path("replicas").asInt());
        String patchedRv = patched.path("metadata").path("resourceVersion").asText();

        JsonNode modified = newWatch.next(EVENT_TIMEOUT_MILLIS);
        assertEquals("MODIFIED", modified.path("type").asText());
        assertEquals(uid, uid(modified.path("object")));
        assertEquals(
            patchedRv, modified.path("object").path("metadata").path("resourceVersion").asText());
        assertEquals(3, modified.path("object").path("spec").path("replicas").asInt());

        // The watch opened before the swap is still following the same store watch.
        JsonNode oldModified = oldWatch.next(EVENT_TIMEOUT_MILLIS);
        assertEquals("MODIFIED", oldModified.path("type").asText());
        assertEquals(modified.path("object"), oldModified.path("object"));

        api.delete(DEPLOYMENTS + "/" + NAME).expect(200);
        JsonNode deleted = newWatch.next(EVENT_TIMEOUT_MILLIS);
        assertEquals("DELETED", deleted.path("type").asText());
        assertEquals(uid, uid(deleted.path("object")));
        JsonNode oldDeleted = oldWatch.next(EVENT_TIMEOUT_MILLIS);
        assertEquals("DELETED", oldDeleted.path("type").asText());

        assertEquals(WatchConnection.State.OPEN, newWatch.state());
        assertEquals(List.of(), newWatch.garbage());
        assertEquals(List.of(), newWatch.drain());
      }
      assertEquals(WatchConnection.State.OPEN, oldWatch.state());
      assertEquals(List.of(), oldWatch.garbage());
      assertEquals(List.of(), oldWatch.drain());
    }
  }

  private static void assertAppsNotDiscovered(AdminApiClient api) throws Exception {
    JsonNode groups = api.get("/apis").expect(200).json();
    assertEquals("APIGroupList", groups.path("kind").asText());
    List<String> names = names(groups.path("groups"));
    assertFalse("apps still in /apis: " + names, names.contains("apps"));
    assertTrue("batch missing from /apis: " + names, names.contains("batch"));

    JsonNode aggregated = api.get("/apis", AdminApiClient.AGGREGATED_DISCOVERY).expect(200).json();
    List<String> aggregatedNames = aggregatedGroups(aggregated);
    assertFalse(
        "apps still in aggregated discovery: " + aggregatedNames, aggregatedNames.contains("apps"));
    assertTrue(
        "batch missing from aggregated discovery: " + aggregatedNames,
        aggregatedNames.contains("batch"));

    assertNotFoundStatus(api.get("/apis/apps"));
    assertNotFoundStatus(api.get("/apis/apps/v1"));
  }

  private static void assertAppsDiscovered(AdminApiClient api) throws Exception {
    List<String> names = names(api.get("/apis").expect(200).json().path("groups"));
    assertTrue("apps missing from /apis: " + names, names.contains("apps"));
    List<String> aggregated =
        aggregatedGroups(api.get("/apis", AdminApiClient.AGGREGATED_DISCOVERY).expect(200).json());
    assertTrue(
        "apps missing from aggregated discovery: " + aggregated, aggregated.contains("apps"));
    api.get("/apis/apps").expect(200);
    JsonNode resources = api.get("/apis/apps/v1").expect(200).json();
    assertEquals("apps/v1", resources.path("groupVersion").asText());
    List<String> plurals = names(resources.path("resources"));
    assertTrue(
        "deployments missing from /apis/apps/v1: " + plurals, plurals.contains("deployments"));
  }

  /** A 404 answered as a Kubernetes Status (kind Status, status Failure, reason NotFound). */
  private static void assertNotFoundStatus(ApiResponse response) {
    response.expect(404);
    JsonNode status = response.json();
    assertEquals(response.body(), "Status", status.path("kind").asText());
    assertEquals(response.body(), "v1", status.path("apiVersion").asText());
    assertEquals(response.body(), "Failure", status.path("status").asText());
    assertEquals(response.body(), "NotFound", status.path("reason").asText());
    assertEquals(response.body(), 404, status.path("code").asInt());
  }

  /** The group names of an aggregated discovery document (APIGroupDiscoveryList). */
  private static List<String> aggregatedGroups(JsonNode list) {
    assertEquals("APIGroupDiscoveryList", list.path("kind").asText());
    List<String> out = new ArrayList<>();
    for (JsonNode item : list.path("items")) {
      out.add(item.path("metadata").path("name").asText());
    }
    return out;
  }

  /** The {@code name} (or {@code metadata.name}) of each element of an array or list's items. */
  private static List<String> names(JsonNode arrayOrList) {
    JsonNode items = arrayOrList.isArray() ? arrayOrList : arrayOrList.path("items");
    assertTrue("not a list: " + arrayOrList, items.isArray());
    List<String> out = new ArrayList<>();
    for (JsonNode item : items) {
      out.add(
          item.has("name")
              ? item.path("name").asText()
              : item.path("metadata").path("name").asText());
    }
    return out;
  }

  private static String uid(JsonNode object) {
    String uid = object.path("metadata").path("uid").asText();
    assertNotNull(uid);
    return uid;
  }

  private static ObjectNode deployment(String name) {
    ObjectNode d = AdminApiClient.JSON.createObjectNode();
    d.put("apiVersion", "apps/v1");
    d.put("kind", "Deployment");
    d.putObject("metadata").put("name", name).putObject("labels").put("app", name);
    ObjectNode spec = d.putObject("spec");
    spec.put("replicas", 1);
    spec.putObject("selector").putObject("matchLabels").put("app", name);
    ObjectNode template = spec.putObject("template");
    template.putObject("metadata").putObject("labels").put("app", name);
    ObjectNode container = template.putObject("spec").putArray("containers").addObject();
    container.put("name", "web");
    container.put("image", "busybox:1.36");
    container.putArray("command").add("sleep").add("3600");
    return d;
  }

  private static ObjectNode configMap(String name) {
    ObjectNode cm = AdminApiClient.JSON.createObjectNode();
    cm.put("apiVersion", "v1");
    cm.put("kind", "ConfigMap");
    cm.putObject("metadata").put("name", name);
    cm.putObject("data").put("purpose", "control object of another group");
    return cm;
  }
}
