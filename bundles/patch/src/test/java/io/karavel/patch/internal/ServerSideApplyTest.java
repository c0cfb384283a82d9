package io.karavel.patch.internal;

import static io.karavel.patch.internal.Trees.json;
import static io.karavel.patch.internal.Trees.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.karavel.patch.ApplyConflict;
import io.karavel.patch.ApplyResult;
import io.karavel.patch.PatchService;
import io.karavel.schema.KindSchema;
import io.karavel.schema.internal.JacksonSchemaService;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Server-side apply and managed fields, after upstream's documented semantics. */
class ServerSideApplyTest {

  private static final KindSchema DEPLOYMENT =
      new JacksonSchemaService().schemaOf(Deployment.class);
  private static final Instant T1 = Instant.parse("2025-01-01T10:00:00.123Z");
  private static final Instant T2 = Instant.parse("2025-01-01T11:00:00Z");

  private final JacksonPatchService service = new JacksonPatchService();

  private static final String MANIFEST =
      """
      {'apiVersion':'apps/v1','kind':'Deployment',
       'metadata':{'name':'web','namespace':'default','labels':{'app':'web'}},
       'spec':{'replicas':2,'selector':{'matchLabels':{'app':'web'}},
         'template':{'metadata':{'labels':{'app':'web'}},
           'spec':{'containers':[{'name':'web','image':'nginx:1.25',
             'ports':[{'containerPort':80}]}]}}}}
      """;

  @Test
  void createRecordsTheAppliedFieldsInUpstreamsFormat() {
    ApplyResult result = service.apply(null, obj(MANIFEST), "kubectl", false, DEPLOYMENT, T1);
    assertThat(result.hasConflicts()).isFalse();
    JsonNode entries = result.object().at("/metadata/managedFields");
    assertThat(entries).hasSize(1);
    JsonNode entry = entries.get(0);
    assertThat(entry.path("manager").asText()).isEqualTo("kubectl");
    assertThat(entry.path("operation").asText()).isEqualTo("Apply");
    assertThat(entry.path("apiVersion").asText()).isEqualTo("apps/v1");
    assertThat(entry.path("time").asText()).isEqualTo("2025-01-01T10:00:00Z");
    assertThat(entry.path("fieldsType").asText()).isEqualTo("FieldsV1");
    assertThat(entry.path("fieldsV1"))
        .isEqualTo(
            json(
                """
                {'f:metadata':{'f:labels':{'f:app':{}}},
                 'f:spec':{'f:replicas':{},'f:selector':{},
                   'f:template':{'f:metadata':{'f:labels':{'f:app':{}}},
                     'f:spec':{'f:containers':{'k:{"name":"web"}':{'.':{},'f:image':{},'f:name':{},
                       'f:ports':{'k:{"containerPort":80,"protocol":"TCP"}':{'.':{},'f:containerPort':{}}}}}}}}}
                """
                    .replace("\"", "\\\"")));
    assertThat(result.object().at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(result.object().path("kind").asText()).isEqualTo("Deployment");
  }

  @Test
  void scaleByAnotherManagerMakesReplicasAConflict() {
    ObjectNode live = service.apply(null, obj(MANIFEST), "kubectl", false, DEPLOYMENT, T1).object();
    // kubectl scale: a merge patch recorded as an update by its field manager
    ObjectNode scaled = (ObjectNode) service.mergePatch(live, obj("{'spec':{'replicas':5}}"));
    live =
        service.recordUpdate(
            live, scaled, "kubectl-scale", PatchService.UPDATE, "apps/v1", DEPLOYMENT, T2);
    JsonNode updateEntry = live.at("/metadata/managedFields/1");
    assertThat(updateEntry.path("manager").asText()).isEqualTo("kubectl-scale");
    assertThat(updateEntry.path("operation").asText()).isEqualTo("Update");
    assertThat(updateEntry.path("fieldsV1")).isEqualTo(json("{'f:spec':{'f:replicas':{}}}"));
    // the applier lost replicas to the scaler
    assertThat(live.at("/metadata/managedFields/0/fieldsV1/f:spec").has("f:replicas")).isFalse();

    ApplyResult again = service.apply(live, obj(MANIFEST), "kubectl", false, DEPLOYMENT, T2);
    assertThat(again.conflicts())
        .containsExactly(
            new ApplyConflict("kubectl-scale", "Update", "apps/v1", "", ".spec.replicas"));
    assertThat(again.conflictMessage())
        .isEqualTo(
            "Apply failed with 1 conflict: conflict with \"kubectl-scale\" using apps/v1: .spec.replicas");
    assertThat(again.conflicts().get(0).causeMessage())
        .isEqualTo("conflict with \"kubectl-scale\" using apps/v1");

    ApplyResult forced = service.apply(live, obj(MANIFEST), "kubectl", true, DEPLOYMENT, T2);
    assertThat(forced.hasConflicts()).isFalse();
    assertThat(forced.object().at("/spec/replicas").asInt()).isEqualTo(2);
    // the scaler owned nothing else, so its entry is gone
    assertThat(forced.object().at("/metadata/managedFields")).hasSize(1);
  }

  @Test
  void applyingTheSameValueSharesOwnership() {
    ObjectNode live = service.apply(null, obj(MANIFEST), "kubectl", false, DEPLOYMENT, T1).object();
    ApplyResult other =
        service.apply(
            live,
            obj(
                "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':2}}"),
            "ci",
            false,
            DEPLOYMENT,
            T2);
    assertThat(other.hasConflicts()).isFalse();
    assertThat(other.object().at("/metadata/managedFields")).hasSize(2);
    ApplyResult change =
        service.apply(
            other.object(),
            obj(
                "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':3}}"),
            "ci",
            false,
            DEPLOYMENT,
            T2);
    // an applier is named without its version
    assertThat(change.conflictMessage())
        .isEqualTo("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas");
  }

  @Test
  void fieldsDroppedFromTheConfigurationAreRemovedUnlessSomeoneElseOwnsThem() {
    String withAnnotations =
        MANIFEST.replace(
            "'labels':{'app':'web'}},", "'labels':{'app':'web'},'annotations':{'a':'1','b':'2'}},");
    ObjectNode live =
        service.apply(null, obj(withAnnotations), "kubectl", false, DEPLOYMENT, T1).object();
    ObjectNode annotated =
        (ObjectNode) service.mergePatch(live, obj("{'metadata':{'annotations':{'b':'3'}}}"));
    live =
        service.recordUpdate(
            live, annotated, "kubectl-annotate", "Update", "apps/v1", DEPLOYMENT, T2);
    // the manifest drops both annotations and the container port
    ObjectNode config = obj(MANIFEST);
    ((ObjectNode) config.at("/spec/template/spec/containers/0")).remove("ports");
    assertThat(config.at("/metadata").has("annotations")).isFalse();
    ApplyResult result = service.apply(live, config, "kubectl", false, DEPLOYMENT, T2);
    assertThat(result.hasConflicts()).isFalse();
    assertThat(result.object().at("/metadata/annotations")).isEqualTo(json("{'b':'3'}"));
    assertThat(result.object().at("/spec/template/spec/containers/0").has("ports")).isFalse();
    assertThat(result.object().at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("nginx:1.25");
  }

  @Test
  void severalConflictsAreGroupedByManager() {
    ObjectNode live = service.apply(null, obj(MANIFEST), "kubectl", false, DEPLOYMENT, T1).object();
    ObjectNode edited =
        (ObjectNode)
            service.mergePatch(
                live,
                obj("{'spec':{'replicas':4,'template':{'metadata':{'labels':{'app':'x'}}}}}"));
    live = service.recordUpdate(live, edited, "kubectl-edit", "Update", "apps/v1", DEPLOYMENT, T2);
    ApplyResult result = service.apply(live, obj(MANIFEST), "kubectl", false, DEPLOYMENT, T2);
    assertThat(result.conflictMessage())
        .isEqualTo(
            "Apply failed with 2 conflicts: conflicts with \"kubectl-edit\" using apps/v1:\n"
                + "- .spec.replicas\n"
                + "- .spec.template.metadata.labels.app");
  }

  @Test
  void updatesOwnWhatTheyAddOrChange() {
    ObjectNode created =
        service.recordUpdate(
            null, obj(MANIFEST), "kubectl-create", "Update", "apps/v1", DEPLOYMENT, T1);
    JsonNode fields = created.at("/metadata/managedFields/0/fieldsV1");
    // maps and keyed items are members themselves in update entries
    assertThat(fields.at("/f:metadata/f:labels")).isEqualTo(json("{'.':{},'f:app':{}}"));
    assertThat(fields.at("/f:spec").has(".")).isFalse();
    assertThat(fields.at("/f:spec/f:template/f:spec/f:containers").fieldNames().next())
        .isEqualTo("k:{\"name\":\"web\"}");
    assertThat(fields.has("f:apiVersion")).isFalse();
    assertThat(fields.at("/f:metadata").has("f:name")).isFalse();

    ObjectNode relabeled =
        (ObjectNode)
            service.mergePatch(created, obj("{'metadata':{'labels':{'app':null,'tier':'1'}}}"));
    ObjectNode after =
        service.recordUpdate(
            created, relabeled, "kubectl-label", "Update", "apps/v1", DEPLOYMENT, T2);
    assertThat(after.at("/metadata/managedFields/1/manager").asText()).isEqualTo("kubectl-label");
    assertThat(after.at("/metadata/managedFields/1/fieldsV1"))
        .isEqualTo(json("{'f:metadata':{'f:labels':{'f:tier':{}}}}"));
    // the creator still owns the labels map itself, which fieldsV1 writes as a bare {}
    assertThat(after.at("/metadata/managedFields/0/fieldsV1/f:metadata/f:labels"))
        .isEqualTo(json("{}"));

    // an update that changes nothing leaves the entries as they were
    assertThat(
            service.recordUpdate(
                after, after.deepCopy(), "other", "Update", "apps/v1", DEPLOYMENT, T2))
        .isEqualTo(after);
  }

  @Test
  void managerNamesComeFromTheFieldManagerOrTheUserAgent() {
    assertThat(PatchService.managerName("kubectl-client-side-apply", "kubectl/v1.32.0"))
        .isEqualTo("kubectl-client-side-apply");
    assertThat(PatchService.managerName(null, "kubectl/v1.32.0 (linux/amd64) kubernetes/abc"))
        .isEqualTo("kubectl");
    assertThat(PatchService.managerName("", "curl")).isEqualTo("curl");
  }
}
