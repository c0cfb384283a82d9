package io.karavel.api.extra.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import org.junit.jupiter.api.Test;

class ExtraDefaultingTest {

  @Test
  void priorityClassPreemptionPolicy() {
    ObjectNode pc = Json.parse("{'metadata':{'name':'high'},'value':10}");
    new PriorityClassStrategy().applyDefaults(pc);
    assertThat(pc.get("preemptionPolicy").asText()).isEqualTo("PreemptLowerPriority");
    ObjectNode never = Json.parse("{'value':10,'preemptionPolicy':'Never'}");
    new PriorityClassStrategy().applyDefaults(never);
    assertThat(never.get("preemptionPolicy").asText()).isEqualTo("Never");
  }

  @Test
  void priorityClassValueAndPolicyAreImmutable() {
    PriorityClassStrategy s = new PriorityClassStrategy();
    ObjectNode old = Json.parse("{'value':10,'preemptionPolicy':'Never'}");
    ObjectNode changed = Json.parse("{'value':11,'preemptionPolicy':'PreemptLowerPriority'}");
    assertThat(s.validateUpdate(changed, old))
        .containsExactly(
            FieldError.forbidden("value", "may not be changed in an update."),
            FieldError.invalid("preemptionPolicy", "PreemptLowerPriority", "field is immutable"));
    ObjectNode described = Json.parse("{'value':10,'preemptionPolicy':'Never','description':'x'}");
    assertThat(s.validateUpdate(described, old)).isEmpty();
  }

  @Test
  void bindingDefaultsApiGroups() {
    ObjectNode rb =
        Json.parse(
            "{'roleRef':{'kind':'ClusterRole','name':'view'},'subjects':["
                + "{'kind':'User','name':'alice'},{'kind':'Group','name':'devs'},"
                + "{'kind':'ServiceAccount','name':'ci','namespace':'tools'}]}");
    new RoleBindingStrategy(false).applyDefaults(rb);
    assertThat(rb)
        .isEqualTo(
            Json.parse(
                "{'roleRef':{'kind':'ClusterRole','name':'view','apiGroup':'rbac.authorization.k8s.io'},"
                    + "'subjects':[{'kind':'User','name':'alice','apiGroup':'rbac.authorization.k8s.io'},"
                    + "{'kind':'Group','name':'devs','apiGroup':'rbac.authorization.k8s.io'},"
                    + "{'kind':'ServiceAccount','name':'ci','namespace':'tools','apiGroup':''}]}"));
    assertThat(new RoleBindingStrategy(false).validate(rb)).isEmpty();
  }

  @Test
  void roleRefIsImmutable() {
    RoleBindingStrategy s = new RoleBindingStrategy(false);
    ObjectNode old =
        Json.parse("{'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'Role','name':'a'}}");
    ObjectNode changed =
        Json.parse(
            "{'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'ClusterRole','name':'a'}}");
    assertThat(s.validateUpdate(changed, old))
        .containsExactly(
            new FieldError(
                "FieldValueInvalid",
                "roleRef",
                "Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\","
                    + " Kind:\"ClusterRole\", Name:\"a\"}: cannot change roleRef"));
    ObjectNode moreSubjects = old.deepCopy();
    moreSubjects.withArray("subjects").addObject().put("kind", "User").put("name", "b");
    assertThat(s.validateUpdate(moreSubjects, old)).isEmpty();
  }

  @Test
  void endpointSlicePortDefaults() {
    ObjectNode es =
        Json.parse("{'addressType':'IPv4','ports':[{'port':53},{'name':'x','protocol':'UDP'}]}");
    new EndpointSliceStrategy().applyDefaults(es);
    assertThat(es.get("ports"))
        .isEqualTo(
            Json.parse(
                    "{'p':[{'port':53,'name':'','protocol':'TCP'},{'name':'x','protocol':'UDP'}]}")
                .get("p"));
  }

  @Test
  void endpointSliceAddressTypeIsImmutable() {
    EndpointSliceStrategy s = new EndpointSliceStrategy();
    assertThat(
            s.validateUpdate(
                Json.parse("{'addressType':'IPv6'}"), Json.parse("{'addressType':'IPv4'}")))
        .containsExactly(FieldError.invalid("addressType", "IPv6", "field is immutable"));
  }

  @Test
  void pdbStartsWithZeroedStatus() {
    ObjectNode pdb = Json.parse("{'spec':{'minAvailable':1}}");
    new PodDisruptionBudgetStrategy().prepareForCreate(pdb);
    assertThat(pdb.get("status"))
        .isEqualTo(
            Json.parse(
                "{'disruptionsAllowed':0,'currentHealthy':0,'desiredHealthy':0,'expectedPods':0}"));
  }

  @Test
  void eventNoteIsImmutableButSeriesMayGrow() {
    EventStrategy s = new EventStrategy();
    ObjectNode old =
        Json.parse("{'note':'a','series':{'count':2,'lastObservedTime':'2025-01-01T00:00:00Z'}}");
    ObjectNode grown = old.deepCopy();
    grown.with("series").put("count", 3);
    assertThat(s.validateUpdate(grown, old)).isEmpty();
    ObjectNode renoted = old.deepCopy();
    renoted.put("note", "b");
    assertThat(s.validateUpdate(renoted, old))
        .extracting(FieldError::field)
        .containsExactly("note");
  }
}
