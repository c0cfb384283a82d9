package io.karavel.api.common.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommonHelpersTest {

  private static JsonNode json(String singleQuoted) throws Exception {
    return Nodes.MAPPER.readTree(singleQuoted.replace('\'', '"'));
  }

  @ParameterizedTest
  @CsvSource({
    "nginx, Always",
    "nginx:latest, Always",
    "nginx:1.25, IfNotPresent",
    "localhost:5000/nginx, Always",
    "localhost:5000/nginx:v2, IfNotPresent",
    "nginx@sha256:abcd, IfNotPresent",
    "nginx:latest@sha256:abcd, Always"
  })
  void imagePullPolicyDefault(String image, String policy) {
    assertThat(PodTemplates.pullPolicyFor(image)).isEqualTo(policy);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{'matchLabels':{'app':'web'}}|{'app':'web','x':'y'}|true|app=web",
        "{'matchLabels':{'app':'web'}}|{'app':'db'}|false|app=web",
        "{}|{}|true|''",
        "{'matchExpressions':[{'key':'env','operator':'NotIn','values':['prod','dev']}]}|{}|true|env notin (dev,prod)",
        "{'matchExpressions':[{'key':'env','operator':'DoesNotExist'}]}|{'env':'x'}|false|!env",
        "{'matchExpressions':[{'key':'env','operator':'Exists'}]}|{'env':''}|true|env"
      })
  void selectors(String selector, String labels, boolean matches, String rendered)
      throws Exception {
    JsonNode sel = json(selector);
    assertThat(LabelSelectors.matches(sel, json(labels))).isEqualTo(matches);
    assertThat(LabelSelectors.format(sel)).isEqualTo(rendered);
  }

  @Test
  void missingSelectorMatchesNothing() throws Exception {
    assertThat(LabelSelectors.matches(null, json("{}"))).isFalse();
    assertThat(LabelSelectors.formatOrNone(null)).isEqualTo("<none>");
  }

  @Test
  void goRendering() throws Exception {
    assertThat(GoValues.stringMap(json("{'b':'2','a':'1'}")))
        .isEqualTo("map[string]string{\"a\":\"1\", \"b\":\"2\"}");
    assertThat(
            GoValues.labelSelector(
                json("{'matchExpressions':[{'key':'k','operator':'In','values':['v']}]}")))
        .isEqualTo(
            "v1.LabelSelector{MatchLabels:map[string]string(nil),"
                + " MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{"
                + "Key:\"k\", Operator:\"In\", Values:[]string{\"v\"}}}}");
  }

  @Test
  void qualifiedNames() {
    assertThat(Validation.qualifiedName("example.com/app")).isEmpty();
    assertThat(Validation.qualifiedName("/app")).containsExactly("prefix part must be non-empty");
    assertThat(Validation.qualifiedName("a/b/c")).hasSize(1);
    assertThat(Validation.labelValue("-bad")).hasSize(1);
    assertThat(Validation.pathSegmentName("..")).containsExactly("may not be '..'");
  }
}
