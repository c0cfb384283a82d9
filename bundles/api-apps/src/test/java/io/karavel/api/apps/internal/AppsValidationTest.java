package io.karavel.api.apps.internal;

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

class AppsValidationTest {

  private static ObjectNode valid(ResourceStrategy s) {
    ObjectNode o =
        Json.parse(
            "{'metadata':{'name':'web'},'spec':{'selector':{'matchLabels':{'app':'web'}},"
                + "'template':{'metadata':{'labels':{'app':'web'}},"
                + "'spec':{'containers':[{'name':'web','image':'nginx'}]}}}}");
    s.applyDefaults(o);
    return o;
  }

  private static Arguments bad(
      String what, ResourceStrategy s, Consumer<ObjectNode> breakIt, FieldError... expected) {
    return Arguments.of(what, s, breakIt, List.of(expected));
  }

  static Stream<Arguments> cases() {
    DeploymentStrategy deploy = new DeploymentStrategy();
    ReplicaSetStrategy rs = new ReplicaSetStrategy();
    StatefulSetStrategy sts = new StatefulSetStrategy();
    DaemonSetStrategy ds = new DaemonSetStrategy();
    return Stream.of(
        bad("valid deployment", deploy, o -> {}),
        bad(
            "labels do not match",
            deploy,
            o -> o.with("spec").with("template").with("metadata").with("labels").put("app", "db"),
            new FieldError(
                "FieldValueInvalid",
                "spec.template.metadata.labels",
                "Invalid value: map[string]string{\"app\":\"db\"}: `selector` does not match"
                    + " template `labels`")),
        bad(
            "missing selector",
            deploy,
            o -> o.with("spec").remove("selector"),
            FieldError.required("spec.selector", ""),
            new FieldError(
                "FieldValueInvalid",
                "spec.template.metadata.labels",
                "Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match"
                    + " template `labels`")),
        bad(
            "empty selector",
            deploy,
            o -> o.with("spec").putObject("selector"),
            new FieldError(
                "FieldValueInvalid",
                "spec.selector",
                "Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil),"
                    + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is"
                    + " invalid for deployment")),
        bad(
            "negative replicas",
            deploy,
            o -> o.with("spec").put("replicas", -1),
            FieldError.invalid("spec.replicas", -1L, "must be greater than or equal to 0")),
        bad(
            "no containers",
            deploy,
            o -> o.with("spec").with("template").with("spec").putArray("containers"),
            FieldError.required("spec.template.spec.containers", "")),
        bad(
            "duplicate container and bad name and no image",
            deploy,
            o ->
                o.with("spec")
                    .with("template")
                    .with("spec")
                    .withArray("containers")
                    .addObject()
                    .put("name", "web")
                    .put("imagePullPolicy", "Always"),
            FieldError.duplicate("spec.template.spec.containers[1].name", "web"),
            FieldError.required("spec.template.spec.containers[1].image", "")),
        bad(
            "container name not a DNS label",
            deploy,
            o -> ((ObjectNode) o.at("/spec/template/spec/containers/0")).put("name", "Web_1"),
            FieldError.invalid(
                "spec.template.spec.containers[0].name",
                "Web_1",
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters"
                    + " or '-', and must start and end with an alphanumeric character (e.g."
                    + " 'my-name',  or '123-abc', regex used for validation is"
                    + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")),
        bad(
            "restart policy",
            deploy,
            o -> o.with("spec").with("template").with("spec").put("restartPolicy", "OnFailure"),
            FieldError.notSupported(
                "spec.template.spec.restartPolicy", "OnFailure", List.of("Always"))),
        bad(
            "both surge and unavailable zero",
            deploy,
            o ->
                o.with("spec")
                    .with("strategy")
                    .with("rollingUpdate")
                    .put("maxSurge", 0)
                    .put("maxUnavailable", 0),
            new FieldError(
                "FieldValueInvalid",
                "spec.strategy.rollingUpdate.maxUnavailable",
                "Invalid value: 0: may not be 0 when `maxSurge` is 0")),
        bad(
            "bad percent",
            deploy,
            o -> o.with("spec").with("strategy").with("rollingUpdate").put("maxSurge", "x%"),
            FieldError.invalid(
                "spec.strategy.rollingUpdate.maxSurge",
                "x%",
                "a valid percent string must be a numeric string followed by an ending '%'"
                    + " (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")),
        bad(
            "unavailable over 100%",
            deploy,
            o ->
                o.with("spec").with("strategy").with("rollingUpdate").put("maxUnavailable", "150%"),
            FieldError.invalid(
                "spec.strategy.rollingUpdate.maxUnavailable",
                "150%",
                "must not be greater than 100%")),
        bad(
            "recreate with rollingUpdate",
            deploy,
            o -> o.with("spec").with("strategy").put("type", "Recreate"),
            FieldError.forbidden(
                "spec.strategy.rollingUpdate",
                "may not be specified when strategy `type` is 'Recreate'")),
        bad(
            "deadline not above minReadySeconds",
            deploy,
            o -> o.with("spec").put("minReadySeconds", 600),
            FieldError.invalid(
                "spec.progressDeadlineSeconds", 600L, "must be greater than minReadySeconds")),
        bad("valid replicaset", rs, o -> {}),
        bad(
            "replicaset activeDeadlineSeconds",
            rs,
            o -> o.with("spec").with("template").with("spec").put("activeDeadlineSeconds", 5),
            FieldError.forbidden(
                "spec.template.spec.activeDeadlineSeconds",
                "activeDeadlineSeconds in ReplicaSet is not Supported")),
        bad("valid statefulset", sts, o -> {}),
        bad(
            "statefulset pod management",
            sts,
            o -> o.with("spec").put("podManagementPolicy", "Random"),
            FieldError.invalid(
                "spec.podManagementPolicy", "Random", "must be 'OrderedReady' or 'Parallel'")),
        bad(
            "statefulset retention",
            sts,
            o ->
                o.with("spec")
                    .with("persistentVolumeClaimRetentionPolicy")
                    .put("whenScaled", "Keep"),
            FieldError.notSupported(
                "spec.persistentVolumeClaimRetentionPolicy.whenScaled",
                "Keep",
                List.of("Retain", "Delete"))),
        bad(
            "statefulset negative partition",
            sts,
            o -> o.with("spec").with("updateStrategy").with("rollingUpdate").put("partition", -2),
            FieldError.invalid(
                "spec.updateStrategy.rollingUpdate.partition",
                -2L,
                "must be greater than or equal to 0")),
        bad("valid daemonset", ds, o -> {}),
        bad(
            "daemonset surge and unavailable",
            ds,
            o -> o.with("spec").with("updateStrategy").with("rollingUpdate").put("maxSurge", 1),
            new FieldError(
                "FieldValueInvalid",
                "spec.updateStrategy.rollingUpdate.maxSurge",
                "Invalid value: 1: may not be set when maxUnavailable is non-zero")),
        bad(
            "daemonset bad strategy type",
            ds,
            o -> {
              o.with("spec").with("updateStrategy").put("type", "Surge");
            },
            FieldError.notSupported(
                "spec.updateStrategy.type", "Surge", List.of("RollingUpdate", "OnDelete"))),
        bad(
            "daemonset selector expression without values",
            ds,
            o ->
                o.with("spec")
                    .with("selector")
                    .withArray("matchExpressions")
                    .addObject()
                    .put("key", "tier")
                    .put("operator", "In"),
            FieldError.required(
                "spec.selector.matchExpressions[0].values",
                "must be specified when `operator` is 'In' or 'NotIn'")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validates(
      String what, ResourceStrategy s, Consumer<ObjectNode> breakIt, List<FieldError> expected) {
    ObjectNode o = valid(s);
    breakIt.accept(o);
    assertThat(s.validate(o)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void selectorIsImmutable() {
    for (ResourceStrategy s :
        List.of(new DeploymentStrategy(), new ReplicaSetStrategy(), new DaemonSetStrategy())) {
      ObjectNode old = valid(s);
      ObjectNode now = old.deepCopy();
      now.with("spec").with("selector").with("matchLabels").put("tier", "x");
      assertThat(s.validateUpdate(now, old))
          .containsExactly(
              new FieldError(
                  "FieldValueInvalid",
                  "spec.selector",
                  "Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\","
                      + " \"tier\":\"x\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}:"
                      + " field is immutable"));
      ObjectNode scaled = old.deepCopy();
      scaled.with("spec").put("replicas", 7);
      assertThat(s.validateUpdate(scaled, old)).isEmpty();
    }
  }

  @Test
  void statefulSetSpecIsMostlyImmutable() {
    StatefulSetStrategy s = new StatefulSetStrategy();
    ObjectNode old = valid(s);
    ObjectNode scaled = old.deepCopy();
    scaled.with("spec").put("replicas", 5);
    ((ObjectNode) scaled.at("/spec/template/spec/containers/0")).put("image", "nginx:2");
    assertThat(s.validateUpdate(scaled, old)).isEmpty();
    ObjectNode renamed = old.deepCopy();
    renamed.with("spec").put("serviceName", "other");
    assertThat(s.validateUpdate(renamed, old))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("spec");
              assertThat(e.type()).isEqualTo("FieldValueForbidden");
              assertThat(e.message()).startsWith("Forbidden: updates to statefulset spec");
            });
  }

  @Test
  void controllerRevisionDataRequiredAndImmutable() {
    ControllerRevisionStrategy s = new ControllerRevisionStrategy();
    assertThat(s.validate(Json.parse("{'revision':1}")))
        .containsExactly(FieldError.required("data", "data is mandatory"));
    ObjectNode old = Json.parse("{'revision':1,'data':{'a':1}}");
    assertThat(s.validateUpdate(Json.parse("{'revision':1,'data':{'a':2}}"), old))
        .extracting(FieldError::field, FieldError::type)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("data", "FieldValueInvalid"));
    assertThat(s.validateUpdate(old.deepCopy(), old)).isEmpty();
  }
}
