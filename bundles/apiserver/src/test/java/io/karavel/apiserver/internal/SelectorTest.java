package io.karavel.apiserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectorTest {

  private static ObjectNode pod(String labelsJson, String phase, String node) {
    return Json.parseObject(
        ("{\"metadata\":{\"name\":\"p\",\"namespace\":\"default\",\"labels\":"
                + labelsJson
                + "},\"spec\":{\"nodeName\":\""
                + node
                + "\"},\"status\":{\"phase\":\""
                + phase
                + "\"}}")
            .getBytes());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "app=web | true",
        "app==web | true",
        "app!=web | false",
        "app!=db | true",
        "app in (web,db) | true",
        "app notin (web) | false",
        "tier | true",
        "!tier | false",
        "!missing | true",
        "app=web,tier=front | true",
        "app=web,tier=back | false",
        "env notin (prod) | true",
      })
  void labelSelectorsMatchAsUpstream(String selector, boolean expected) {
    ObjectNode o = pod("{\"app\":\"web\",\"tier\":\"front\"}", "Running", "n1");
    assertThat(LabelSelector.parse(selector).matches(o)).isEqualTo(expected);
  }

  @Test
  void malformedLabelSelectorsAreBadRequests() {
    for (String bad : new String[] {"app in (web", "a b c", "app=we b", "-bad=x"}) {
      assertThatThrownBy(() -> LabelSelector.parse(bad))
          .isInstanceOf(ApiException.class)
          .extracting(e -> ((ApiException) e).code())
          .isEqualTo(400);
    }
  }

  @Test
  void fieldSelectorsSupportUpstreamFieldsAndRejectOthers() {
    ObjectNode o = pod("{}", "Running", "node-1");
    assertThat(FieldSelector.parse("spec.nodeName=node-1", "", "pods").matches(o)).isTrue();
    assertThat(FieldSelector.parse("status.phase!=Running", "", "pods").matches(o)).isFalse();
    assertThat(
            FieldSelector.parse("metadata.name=p,metadata.namespace=default", "", "pods")
                .matches(o))
        .isTrue();
    assertThatThrownBy(() -> FieldSelector.parse("spec.nodeName=x", "", "configmaps"))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("field label not supported: spec.nodeName");
  }

  @Test
  void structuredSelectorsRenderAndMatch() {
    ObjectNode sel =
        Json.parseObject(
            ("{\"matchLabels\":{\"b\":\"2\",\"a\":\"1\"},\"matchExpressions\":[{\"key\":\"c\","
                    + "\"operator\":\"In\",\"values\":[\"x\",\"y\"]}]}")
                .getBytes());
    assertThat(LabelSelectors.toText(sel)).isEqualTo("a=1,b=2,c in (x,y)");
    assertThat(LabelSelectors.matches(sel, pod("{\"a\":\"1\",\"b\":\"2\",\"c\":\"y\"}", "", "")))
        .isTrue();
    assertThat(LabelSelectors.matches(sel, pod("{\"a\":\"1\",\"b\":\"2\"}", "", ""))).isFalse();
  }
}
