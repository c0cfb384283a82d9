package io.karavel.patch.internal;

import static io.karavel.patch.internal.Trees.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.karavel.patch.PatchException;
import io.karavel.schema.KindSchema;
import io.karavel.schema.internal.JacksonSchemaService;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Strategic merge patch, with the patches kubectl 1.32 sends. */
class StrategicMergePatcherTest {

  private static final JacksonSchemaService SCHEMAS = new JacksonSchemaService();
  private static final KindSchema DEPLOYMENT = SCHEMAS.schemaOf(Deployment.class);
  private static final KindSchema POD = SCHEMAS.schemaOf(Pod.class);
  private static final KindSchema NODE = SCHEMAS.schemaOf(Node.class);

  private final JacksonPatchService service = new JacksonPatchService();

  private static final String LIVE_DEPLOYMENT =
      """
      {'apiVersion':'apps/v1','kind':'Deployment',
       'metadata':{'name':'web','namespace':'default','labels':{'app':'web'},
         'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'old'}},
       'spec':{'replicas':2,'selector':{'matchLabels':{'app':'web'}},
         'template':{'metadata':{'labels':{'app':'web'}},
           'spec':{'containers':[
             {'name':'web','image':'nginx:1.25',
              'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}],
              'ports':[{'containerPort':80,'protocol':'TCP'}]},
             {'name':'sidecar','image':'busybox'}]}}}}
      """;

  @Test
  void kubectlApplyChangingAnImageAndRemovingAnEnvVar() {
    // what kubectl apply computes from last-applied, the new manifest and the live object
    ObjectNode patch =
        obj(
            """
            {'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'new'}},
             'spec':{'template':{'spec':{
               '$setElementOrder/containers':[{'name':'web'},{'name':'sidecar'}],
               'containers':[{'$setElementOrder/env':[{'name':'A'}],
                 'env':[{'$patch':'delete','name':'B'}],
                 'image':'nginx:1.26','name':'web'}]}}}}
            """);
    ObjectNode result = service.strategicMergePatch(obj(LIVE_DEPLOYMENT), patch, DEPLOYMENT);
    JsonNode containers = result.at("/spec/template/spec/containers");
    assertThat(containers).hasSize(2);
    assertThat(containers.get(0).path("image").asText()).isEqualTo("nginx:1.26");
    assertThat(containers.get(0).path("env")).isEqualTo(Trees.json("[{'name':'A','value':'1'}]"));
    assertThat(containers.get(0).path("ports")).hasSize(1);
    assertThat(containers.get(1).path("name").asText()).isEqualTo("sidecar");
    assertThat(
            result
                .at("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration")
                .asText())
        .isEqualTo("new");
    assertThat(result.at("/spec/replicas").asInt()).isEqualTo(2);
    assertNoDirectives(result);
  }

  @Test
  void setElementOrderReordersAndAddsAtTheRightPlace() {
    // the manifest now lists a new container first and swaps the others
    ObjectNode patch =
        obj(
            """
            {'spec':{'template':{'spec':{
              '$setElementOrder/containers':[{'name':'init'},{'name':'sidecar'},{'name':'web'}],
              'containers':[{'name':'init','image':'alpine'}]}}}}
            """);
    JsonNode containers =
        service
            .strategicMergePatch(obj(LIVE_DEPLOYMENT), patch, DEPLOYMENT)
            .at("/spec/template/spec/containers");
    assertThat(names(containers)).containsExactly("init", "sidecar", "web");
    assertThat(containers.get(2).path("env")).hasSize(2);
  }

  @Test
  void serverOnlyItemsKeepTheirPlace() {
    ObjectNode live =
        obj("{'spec':{'containers':[{'name':'a'},{'name':'x'},{'name':'b'},{'name':'y'}]}}");
    ObjectNode patch =
        obj(
            "{'spec':{'$setElementOrder/containers':[{'name':'b'},{'name':'a'}],"
                + "'containers':[{'name':'a','image':'i'}]}}");
    JsonNode containers = service.strategicMergePatch(live, patch, POD).at("/spec/containers");
    // b and a follow the directive; x, the server's own, stays before b as it was live
    assertThat(names(containers)).containsExactly("x", "b", "a", "y");
  }

  @Test
  void kubectlLabelAndAnnotate() {
    ObjectNode patch = obj("{'metadata':{'labels':{'tier':'front','app':null}}}");
    ObjectNode result = service.strategicMergePatch(obj(LIVE_DEPLOYMENT), patch, DEPLOYMENT);
    assertThat(result.at("/metadata/labels")).isEqualTo(Trees.json("{'tier':'front'}"));
    // the same body as a merge patch gives the same object
    assertThat(service.mergePatch(obj(LIVE_DEPLOYMENT), patch)).isEqualTo(result);
  }

  @Test
  void kubectlRolloutRestart() {
    ObjectNode patch =
        obj(
            "{'spec':{'template':{'metadata':{'annotations':"
                + "{'kubectl.kubernetes.io/restartedAt':'2025-01-02T03:04:05Z'}}}}}");
    ObjectNode result = service.strategicMergePatch(obj(LIVE_DEPLOYMENT), patch, DEPLOYMENT);
    assertThat(
            result
                .at("/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt")
                .asText())
        .isEqualTo("2025-01-02T03:04:05Z");
    assertThat(result.at("/spec/template/metadata/labels/app").asText()).isEqualTo("web");
    assertThat(result.at("/spec/template/spec"))
        .isEqualTo(obj(LIVE_DEPLOYMENT).at("/spec/template/spec"));
  }

  @Test
  void cordonAndUncordon() {
    ObjectNode node =
        obj("{'kind':'Node','metadata':{'name':'n1'},'spec':{'podCIDR':'10.0.0.0/24'}}");
    ObjectNode cordoned =
        service.strategicMergePatch(node, obj("{'spec':{'unschedulable':true}}"), NODE);
    assertThat(cordoned.at("/spec"))
        .isEqualTo(Trees.json("{'podCIDR':'10.0.0.0/24','unschedulable':true}"));
    ObjectNode uncordoned =
        service.strategicMergePatch(cordoned, obj("{'spec':{'unschedulable':null}}"), NODE);
    assertThat(uncordoned).isEqualTo(node);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // finalizers merge as a set
        "{'metadata':{'finalizers':['a','b']}} | {'metadata':{'finalizers':['b','c']}} | {'metadata':{'finalizers':['a','b','c']}}",
        "{'metadata':{'finalizers':['a','b','c']}} | {'metadata':{'$deleteFromPrimitiveList/finalizers':['b']}} | {'metadata':{'finalizers':['a','c']}}",
        "{'metadata':{'finalizers':['a']}} | {'metadata':{'$setElementOrder/finalizers':['c','a'],'finalizers':['c']}} | {'metadata':{'finalizers':['c','a']}}",
        // containers merge by name, tolerations are replaced
        "{'spec':{'containers':[{'name':'a','image':'1'},{'name':'b','image':'2'}]}} | {'spec':{'containers':[{'name':'b','image':'3'}]}} | {'spec':{'containers':[{'name':'a','image':'1'},{'name':'b','image':'3'}]}}",
        "{'spec':{'tolerations':[{'key':'a'},{'key':'b'}]}} | {'spec':{'tolerations':[{'key':'c'}]}} | {'spec':{'tolerations':[{'key':'c'}]}}",
        "{'spec':{'containers':[{'name':'a','args':['x','y']}]}} | {'spec':{'containers':[{'name':'a','args':['z']}]}} | {'spec':{'containers':[{'name':'a','args':['z']}]}}",
        // $patch directives
        "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}} | {'spec':{'containers':[{'$patch':'replace'},{'name':'c'}]}} | {'spec':{'containers':[{'name':'c'}]}}",
        "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}} | {'spec':{'containers':[{'$patch':'delete','name':'a'}]}} | {'spec':{'containers':[{'name':'b'}]}}",
        "{'spec':{'nodeSelector':{'a':'1','b':'2'}}} | {'spec':{'nodeSelector':{'$patch':'replace','c':'3'}}} | {'spec':{'nodeSelector':{'c':'3'}}}",
        "{'spec':{'nodeSelector':{'a':'1'},'x':1}} | {'spec':{'nodeSelector':{'$patch':'delete'}}} | {'spec':{'nodeSelector':{},'x':1}}",
        // $retainKeys clears what the new variant does not have
        "{'spec':{'volumes':[{'name':'v','emptyDir':{}}]}} | {'spec':{'volumes':[{'$retainKeys':['hostPath','name'],'hostPath':{'path':'/x'},'name':'v'}]}} | {'spec':{'volumes':[{'name':'v','hostPath':{'path':'/x'}}]}}",
        // directives in values new to the object are applied, never copied
        "{'spec':{}} | {'spec':{'containers':[{'name':'a','$setElementOrder/env':[{'name':'E'}],'env':[{'name':'E','value':'1'},{'$patch':'delete','name':'F'}]}]}} | {'spec':{'containers':[{'name':'a','env':[{'name':'E','value':'1'}]}]}}",
        "{'metadata':{}} | {'metadata':{'labels':{'$patch':'replace','a':'1','b':null}}} | {'metadata':{'labels':{'a':'1'}}}",
        // unknown fields and maps merge like a merge patch; null removes
        "{'spec':{'foo':{'a':1,'b':[1,2]}}} | {'spec':{'foo':{'b':[3],'c':null}}} | {'spec':{'foo':{'a':1,'b':[3]}}}",
        "{'spec':{'hostname':'h','subdomain':'s'}} | {'spec':{'hostname':null}} | {'spec':{'subdomain':'s'}}",
        // an empty list merges into nothing
        "{'spec':{'containers':[{'name':'a'}]}} | {'spec':{'containers':[]}} | {'spec':{'containers':[{'name':'a'}]}}",
      })
  void podCases(String original, String patch, String expected) {
    ObjectNode result = service.strategicMergePatch(obj(original), obj(patch), POD);
    assertThat(result).isEqualTo(obj(expected));
    assertNoDirectives(result);
  }

  @Test
  void errorsCarryUpstreamCodes() {
    assertThatThrownBy(
            () ->
                service.strategicMergePatch(
                    obj("{'spec':{'containers':[{'name':'a'}]}}"),
                    obj("{'spec':{'containers':[{'image':'x'}]}}"),
                    POD))
        .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(500));
    assertThatThrownBy(
            () ->
                service.strategicMergePatch(
                    obj("{'spec':{}}"), obj("{'spec':{'$retainKeys':['a'],'b':1}}"), POD))
        .isInstanceOfSatisfying(
            PatchException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.getMessage()).isEqualTo("invalid patch format of retainKeys");
            });
    assertThatThrownBy(
            () ->
                service.strategicMergePatch(
                    obj("{'metadata':{}}"),
                    obj("{'metadata':{'$setElementOrder/finalizers':'a'}}"),
                    POD))
        .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(400));
  }

  @Test
  void leavesItsArgumentsAlone() {
    ObjectNode live = obj(LIVE_DEPLOYMENT);
    ObjectNode patch =
        obj("{'spec':{'template':{'spec':{'containers':[{'$patch':'delete','name':'web'}]}}}}");
    ObjectNode patchCopy = patch.deepCopy();
    service.strategicMergePatch(live, patch, DEPLOYMENT);
    assertThat(live).isEqualTo(obj(LIVE_DEPLOYMENT));
    assertThat(patch).isEqualTo(patchCopy);
  }

  private static java.util.List<String> names(JsonNode list) {
    java.util.List<String> names = new java.util.ArrayList<>();
    list.forEach(item -> names.add(item.path("name").asText()));
    return names;
  }

  private static void assertNoDirectives(JsonNode node) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        assertThat(e.getKey()).doesNotStartWith("$");
        assertNoDirectives(e.getValue());
      }
    } else if (node.isArray()) {
      node.forEach(StrategicMergePatcherTest::assertNoDirectives);
    }
  }
}
