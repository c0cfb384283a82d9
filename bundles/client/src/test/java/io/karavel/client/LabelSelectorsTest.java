package io.karavel.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** metav1.LabelSelector semantics, case by case. */
class LabelSelectorsTest {
  private static final Map<String, String> WEB = Map.of("app", "web", "tier", "front");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("null selects nothing", null, WEB, false),
        Arguments.of("empty selects everything", new LabelSelector(), WEB, true),
        Arguments.of("empty selects even no labels", new LabelSelector(), null, true),
        Arguments.of("matchLabels equal", labels("app", "web"), WEB, true),
        Arguments.of("matchLabels differ", labels("app", "db"), WEB, false),
        Arguments.of("matchLabels missing", labels("zone", "a"), WEB, false),
        Arguments.of("matchLabels on no labels", labels("app", "web"), null, false),
        Arguments.of("In holds", expr("app", "In", "web", "api"), WEB, true),
        Arguments.of("In fails", expr("app", "In", "db"), WEB, false),
        Arguments.of("In on a missing key", expr("zone", "In", "a"), WEB, false),
        Arguments.of("NotIn holds", expr("app", "NotIn", "db"), WEB, true),
        Arguments.of("NotIn fails", expr("app", "NotIn", "web"), WEB, false),
        Arguments.of("NotIn on a missing key", expr("zone", "NotIn", "a"), WEB, true),
        Arguments.of("Exists holds", expr("tier", "Exists"), WEB, true),
        Arguments.of("Exists fails", expr("zone", "Exists"), WEB, false),
        Arguments.of("DoesNotExist holds", expr("zone", "DoesNotExist"), WEB, true),
        Arguments.of("DoesNotExist fails", expr("app", "DoesNotExist"), WEB, false),
        Arguments.of("unknown operator", expr("app", "Gt", "1"), WEB, false),
        Arguments.of(
            "labels and expressions are ANDed",
            new LabelSelectorBuilder()
                .addToMatchLabels("app", "web")
                .addNewMatchExpression()
                .withKey("tier")
                .withOperator("In")
                .withValues("back")
                .endMatchExpression()
                .build(),
            WEB,
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matches(String name, LabelSelector selector, Map<String, String> labels, boolean expected) {
    assertThat(LabelSelectors.matches(selector, labels)).isEqualTo(expected);
  }

  private static LabelSelector labels(String key, String value) {
    return new LabelSelectorBuilder().addToMatchLabels(key, value).build();
  }

  private static LabelSelector expr(String key, String operator, String... values) {
    return new LabelSelectorBuilder()
        .addNewMatchExpression()
        .withKey(key)
        .withOperator(operator)
        .withValues(values)
        .endMatchExpression()
        .build();
  }
}
