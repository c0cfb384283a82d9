package io.karavel.admission.priority.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.karavel.apiserver.spi.admission.AdmissionException;
import io.karavel.apiserver.spi.admission.AdmissionRequest;
import io.karavel.apiserver.spi.admission.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Upstream's Priority admission behaviour, one row per documented case. */
class PriorityAdmitterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static PriorityClass pc(String name, int value, boolean globalDefault, String policy) {
    return new PriorityClassBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withValue(value)
        .withGlobalDefault(globalDefault)
        .withPreemptionPolicy(policy)
        .build();
  }

  static PriorityClassLookup lookup(PriorityClass... classes) {
    List<PriorityClass> l = new ArrayList<>(List.of(classes));
    return new PriorityClassLookup() {
      @Override
      public Optional<PriorityClass> get(String name) {
        return l.stream().filter(p -> p.getMetadata().getName().equals(name)).findFirst();
      }

      @Override
      public List<PriorityClass> list() {
        return l;
      }
    };
  }

  static AdmissionRequest create(String podSpecJson) throws Exception {
    ObjectNode pod =
        (ObjectNode)
            JSON.readTree(
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"x\"},\"spec\":"
                    + podSpecJson
                    + "}");
    return new AdmissionRequest(
        Operation.CREATE, "", "v1", "Pod", "pods", "", "default", "x", pod, null, null, false);
  }

  /**
   * A row: the classes, the pod spec, then either the resulting class name, priority and policy or
   * the Forbidden message.
   */
  record Row(
      String name,
      List<PriorityClass> classes,
      String spec,
      String className,
      Integer priority,
      String policy,
      String error) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final PriorityClass HIGH = pc("high", 1000, false, null);
  static final PriorityClass NEVER = pc("high-nonpreempting", 1000, false, "Never");
  static final PriorityClass DEFAULT_LOW = pc("low-default", 10, true, "PreemptLowerPriority");
  static final PriorityClass DEFAULT_LOWER = pc("lower-default", 5, true, null);

  static Stream<Row> rows() {
    return Stream.of(
        new Row(
            "named class",
            List.of(HIGH),
            "{\"priorityClassName\":\"high\"}",
            "high",
            1000,
            "PreemptLowerPriority",
            null),
        new Row(
            "class with preemptionPolicy Never",
            List.of(NEVER),
            "{\"priorityClassName\":\"high-nonpreempting\"}",
            "high-nonpreempting",
            1000,
            "Never",
            null),
        new Row(
            "no name, no default class: 0",
            List.of(HIGH),
            "{}",
            null,
            0,
            "PreemptLowerPriority",
            null),
        new Row(
            "no name: the global default and its name",
            List.of(HIGH, DEFAULT_LOW),
            "{}",
            "low-default",
            10,
            "PreemptLowerPriority",
            null),
        new Row(
            "several global defaults: the lowest value",
            List.of(DEFAULT_LOW, DEFAULT_LOWER),
            "{}",
            "lower-default",
            5,
            "PreemptLowerPriority",
            null),
        new Row(
            "unknown class",
            List.of(HIGH),
            "{\"priorityClassName\":\"foo\"}",
            null,
            null,
            null,
            "pods \"x\" is forbidden: no PriorityClass with name foo was found"),
        new Row(
            "a matching priority in the spec is accepted",
            List.of(HIGH),
            "{\"priorityClassName\":\"high\",\"priority\":1000}",
            "high",
            1000,
            "PreemptLowerPriority",
            null),
        new Row(
            "a priority that disagrees",
            List.of(HIGH),
            "{\"priorityClassName\":\"high\",\"priority\":7}",
            null,
            null,
            null,
            "pods \"x\" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name"),
        new Row(
            "a priority without class disagrees with 0",
            List.of(),
            "{\"priority\":7}",
            null,
            null,
            null,
            "pods \"x\" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name"),
        new Row(
            "a preemptionPolicy that disagrees",
            List.of(HIGH),
            "{\"priorityClassName\":\"high\",\"preemptionPolicy\":\"Never\"}",
            null,
            null,
            null,
            "pods \"x\" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name"),
        new Row(
            "system class",
            List.of(pc("system-node-critical", 2000001000, false, null)),
            "{\"priorityClassName\":\"system-node-critical\"}",
            "system-node-critical",
            2000001000,
            "PreemptLowerPriority",
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void podCreate(Row row) throws Exception {
    PriorityAdmitter a = new PriorityAdmitter(lookup(row.classes().toArray(PriorityClass[]::new)));
    AdmissionRequest r = create(row.spec());
    if (row.error() != null) {
      assertThatThrownBy(() -> a.admit(r))
          .isInstanceOf(AdmissionException.class)
          .hasMessage(row.error())
          .satisfies(e -> assertThat(((AdmissionException) e).code()).isEqualTo(403));
      return;
    }
    a.admit(r);
    ObjectNode spec = (ObjectNode) r.object().get("spec");
    assertThat(spec.path("priority").isInt()).isTrue();
    assertThat(spec.path("priority").asInt()).isEqualTo(row.priority());
    assertThat(spec.path("preemptionPolicy").asText()).isEqualTo(row.policy());
    if (row.className() == null) {
      assertThat(spec.has("priorityClassName")).isFalse();
    } else {
      assertThat(spec.path("priorityClassName").asText()).isEqualTo(row.className());
    }
    // idempotent: the API server may admit the same object again
    a.admit(r);
    assertThat(spec.path("priority").asInt()).isEqualTo(row.priority());
  }

  @Test
  void anUpdateKeepsThePriorityTheClientDropped() throws Exception {
    PriorityAdmitter a = new PriorityAdmitter(lookup(HIGH));
    ObjectNode old =
        (ObjectNode)
            JSON.readTree(
                "{\"metadata\":{\"name\":\"x\"},\"spec\":{\"priority\":1000,"
                    + "\"preemptionPolicy\":\"PreemptLowerPriority\"}}");
    ObjectNode now = (ObjectNode) JSON.readTree("{\"metadata\":{\"name\":\"x\"},\"spec\":{}}");
    a.admit(
        new AdmissionRequest(
            Operation.UPDATE, "", "v1", "Pod", "pods", "", "default", "x", now, old, null, false));
    assertThat(now.path("spec").path("priority").asInt()).isEqualTo(1000);
    assertThat(now.path("spec").path("preemptionPolicy").asText())
        .isEqualTo("PreemptLowerPriority");
  }

  @Test
  void onlyOneGlobalDefault() throws Exception {
    PriorityAdmitter a = new PriorityAdmitter(lookup(DEFAULT_LOW));
    ObjectNode second =
        (ObjectNode)
            JSON.readTree("{\"metadata\":{\"name\":\"other\"},\"value\":3,\"globalDefault\":true}");
    assertThatThrownBy(() -> a.admit(priorityClass(Operation.CREATE, second, null)))
        .hasMessage(
            "priorityclasses.scheduling.k8s.io \"other\" is forbidden: PriorityClass low-default"
                + " is already marked as default. Only one default can exist");
    ObjectNode same =
        (ObjectNode)
            JSON.readTree(
                "{\"metadata\":{\"name\":\"low-default\"},\"value\":10,\"globalDefault\":true}");
    a.admit(priorityClass(Operation.UPDATE, same, same));
  }

  /** A PriorityClass request for {@code o}, named as {@code o} is. */
  private static AdmissionRequest priorityClass(Operation op, ObjectNode o, ObjectNode old) {
    return new AdmissionRequest(
        op,
        "scheduling.k8s.io",
        "v1",
        "PriorityClass",
        "priorityclasses",
        "",
        "",
        o.path("metadata").path("name").asText(),
        o,
        old,
        null,
        false);
  }
}
