package io.karavel.api.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Updates as the API server runs them: the stored object was created (prepared and defaulted), the
 * client changes a copy, then prepareForUpdate, applyDefaults, validate and validateUpdate.
 */
class UpdateRulesTest {

  static final String POD =
      "{'metadata':{'name':'p'},'spec':{'activeDeadlineSeconds':600,'nodeName':'n1',"
          + "'tolerations':[{'key':'a','operator':'Exists','effect':'NoExecute','tolerationSeconds':60}],"
          + "'schedulingGates':[{'name':'example.com/a'},{'name':'example.com/b'}],"
          + "'initContainers':[{'name':'init','image':'busybox'}],"
          + "'containers':[{'name':'app','image':'nginx:1.26'}]}}";

  static Arguments update(
      String what,
      ResourceStrategy s,
      String stored,
      Consumer<ObjectNode> change,
      FieldError... expected) {
    return Arguments.of(what, s, stored, change, List.of(expected));
  }

  static ObjectNode spec(ObjectNode o) {
    return (ObjectNode) o.get("spec");
  }

  static Stream<Arguments> cases() {
    PodStrategy pod = new PodStrategy();
    String forbidden = PodUpdateRules.SPEC_FORBIDDEN;
    return Stream.of(
        update(
            "new images, shorter deadline, added toleration, removed gate",
            pod,
            POD,
            o -> {
              ((ObjectNode) spec(o).at("/containers/0")).put("image", "nginx:1.27");
              ((ObjectNode) spec(o).at("/initContainers/0")).put("image", "busybox:1.36");
              spec(o).put("activeDeadlineSeconds", 300);
              ((ObjectNode) spec(o).at("/tolerations/0")).put("tolerationSeconds", 120);
              spec(o)
                  .withArray("tolerations")
                  .addObject()
                  .put("key", "b")
                  .put("operator", "Exists");
              spec(o).withArray("schedulingGates").remove(0);
            }),
        update(
            "ephemeral container added",
            pod,
            POD,
            o ->
                spec(o)
                    .putArray("ephemeralContainers")
                    .addObject()
                    .put("name", "debug")
                    .put("image", "busybox")
                    .put("targetContainerName", "app")),
        update(
            "other spec field",
            pod,
            POD,
            o -> spec(o).put("restartPolicy", "Never"),
            FieldError.forbidden("spec", forbidden + "\nchanged: spec.restartPolicy")),
        update(
            "container added",
            pod,
            POD,
            o -> spec(o).withArray("containers").addObject().put("name", "b").put("image", "x"),
            FieldError.forbidden(
                "spec.containers", "pod updates may not add or remove containers")),
        update(
            "image removed",
            pod,
            POD,
            o -> ((ObjectNode) spec(o).at("/containers/0")).put("image", " nginx "),
            FieldError.invalid(
                "spec.containers[0].image",
                " nginx ",
                "must not have leading or trailing whitespace")),
        update(
            "longer deadline",
            pod,
            POD,
            o -> spec(o).put("activeDeadlineSeconds", 900),
            FieldError.invalid(
                "spec.activeDeadlineSeconds",
                900L,
                "must be less than or equal to previous value")),
        update(
            "deadline removed",
            pod,
            POD,
            o -> spec(o).remove("activeDeadlineSeconds"),
            new FieldError(
                "FieldValueInvalid",
                "spec.activeDeadlineSeconds",
                "Invalid value: \"null\": must not update from a positive integer to nil value")),
        update(
            "toleration changed",
            pod,
            POD,
            o -> ((ObjectNode) spec(o).at("/tolerations/0")).put("key", "z"),
            FieldError.forbidden(
                "spec.tolerations",
                "existing toleration can not be modified except its tolerationSeconds")),
        update(
            "gate added",
            pod,
            POD,
            o -> spec(o).withArray("schedulingGates").addObject().put("name", "example.com/c"),
            FieldError.forbidden(
                "spec.schedulingGates[2].name",
                "only deletion is allowed, but found new scheduling gate 'example.com/c'")),
        update(
            "service cluster IP changed",
            new ServiceStrategy(),
            "{'metadata':{'name':'s'},'spec':{'clusterIP':'10.96.0.5','ports':[{'port':80}]}}",
            o -> {
              spec(o).put("clusterIP", "10.96.0.6");
              spec(o).remove("clusterIPs");
            },
            new FieldError(
                "FieldValueInvalid",
                "spec.clusterIPs[0]",
                "Invalid value: []string{\"10.96.0.6\"}: may not change once set")),
        update(
            "service to ExternalName drops the cluster IP",
            new ServiceStrategy(),
            "{'metadata':{'name':'s'},'spec':{'clusterIP':'10.96.0.5','ports':[{'port':80}]}}",
            o -> spec(o).put("type", "ExternalName").put("externalName", "db.example.com")),
        update(
            "immutable config map",
            new ConfigMapStrategy(),
            "{'immutable':true,'data':{'a':'1'}}",
            o -> {
              o.put("immutable", false);
              o.with("data").put("a", "2");
            },
            FieldError.forbidden("immutable", "field is immutable when `immutable` is set"),
            FieldError.forbidden("data", "field is immutable when `immutable` is set")),
        update(
            "secret type",
            new SecretStrategy(),
            "{'type':'Opaque','data':{'a':'YQ=='}}",
            o -> o.put("type", "kubernetes.io/basic-auth").with("stringData").put("username", "u"),
            FieldError.invalid("type", "kubernetes.io/basic-auth", "field is immutable")),
        update(
            "node pod CIDR and provider ID",
            new NodeStrategy(),
            "{'spec':{'podCIDRs':['10.244.1.0/24'],'providerID':'kind://n1'}}",
            o ->
                spec(o)
                    .put("providerID", "kind://n2")
                    .put("podCIDR", "10.244.2.0/24")
                    .remove("podCIDRs"),
            FieldError.forbidden(
                "spec.podCIDRs", "node updates may not change podCIDR except from \"\" to valid"),
            FieldError.forbidden(
                "spec.providerID",
                "node updates may not change providerID except from \"\" to valid")),
        update(
            "namespace finalizers only through finalize",
            new NamespaceStrategy(),
            "{'metadata':{'name':'n'}}",
            o -> spec(o).putArray("finalizers")),
        update(
            "claim bound once",
            new PersistentVolumeClaimStrategy(),
            "{'spec':{'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'1Gi'}}}}",
            o -> spec(o).put("volumeName", "pv1").put("storageClassName", "fast")),
        update(
            "claim resized before binding",
            new PersistentVolumeClaimStrategy(),
            "{'spec':{'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'1Gi'}}}}",
            o -> ((ObjectNode) spec(o).at("/resources/requests")).put("storage", "2Gi"),
            FieldError.forbidden(
                "spec", PersistentVolumeClaimStrategy.SPEC_FIXED + "\nchanged: spec.resources")),
        update(
            "volume source",
            new PersistentVolumeStrategy(),
            "{'spec':{'capacity':{'storage':'1Gi'},'accessModes':['ReadWriteOnce'],'hostPath':{'path':'/a'}}}",
            o -> ((ObjectNode) spec(o).get("hostPath")).put("path", "/b"),
            FieldError.forbidden(
                "spec.persistentvolumesource",
                "spec.persistentvolumesource is immutable after creation")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void update(
      String what,
      ResourceStrategy s,
      String stored,
      Consumer<ObjectNode> change,
      List<FieldError> expected) {
    ObjectNode old = Json.parse(stored);
    s.prepareForCreate(old);
    s.applyDefaults(old);
    ObjectNode now = old.deepCopy();
    change.accept(now);
    s.prepareForUpdate(now, old);
    s.applyDefaults(now);
    assertThat(s.validate(now)).as("validate").isEmpty();
    assertThat(s.validateUpdate(now, old)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void podsStoredBeforeTodaysDefaultsCanStillBeUpdated() {
    PodStrategy s = new PodStrategy();
    ObjectNode old =
        Json.parse(
            "{'spec':{'containers':[{'name':'a','image':'x:1','resources':{'limits':{'cpu':'1000m'}}}]}}");
    ObjectNode now = old.deepCopy();
    ((ObjectNode) now.at("/spec/containers/0")).put("image", "x:2");
    s.prepareForUpdate(now, old);
    s.applyDefaults(now);
    assertThat(s.validateUpdate(now, old)).isEmpty();
    assertThat(now.at("/spec/containers/0/resources/requests/cpu").asText()).isEqualTo("1");
  }
}
