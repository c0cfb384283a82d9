package io.karavel.apiserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class YamlTreesTest {

  private static JsonNode parse(String yaml) {
    return YamlTrees.parse(yaml.getBytes(StandardCharsets.UTF_8), 200);
  }

  @Test
  void scalarsResolveAsYamlOneOneAndKeysBecomeStrings() {
    JsonNode n =
        parse(
            """
            i: 42
            hex: 0x1F
            f: 1.5
            t: true
            on: yes
            n: ~
            s: "42"
            plain: hello
            v: 1.0.2
            1: one
            """);
    assertThat(n.get("i").isIntegralNumber()).isTrue();
    assertThat(n.get("i").asInt()).isEqualTo(42);
    assertThat(n.get("hex").asInt()).isEqualTo(31);
    assertThat(n.get("f").decimalValue()).isEqualByComparingTo("1.5");
    assertThat(n.get("t").booleanValue()).isTrue();
    assertThat(n.get("on").booleanValue()).isTrue();
    assertThat(n.get("n").isNull()).isTrue();
    assertThat(n.get("s").textValue()).isEqualTo("42");
    assertThat(n.get("plain").textValue()).isEqualTo("hello");
    assertThat(n.get("v").textValue()).isEqualTo("1.0.2");
    assertThat(n.get("1").textValue()).isEqualTo("one");
  }

  @Test
  void aliasesAndMergeKeysExpand() {
    JsonNode n =
        parse(
            """
            base: &base {app: web, tier: front}
            copy: *base
            merged:
              <<: *base
              tier: back
            """);
    assertThat(n.get("copy")).isEqualTo(n.get("base"));
    assertThat(n.get("merged").get("app").textValue()).isEqualTo("web");
    assertThat(n.get("merged").get("tier").textValue()).isEqualTo("back");
  }

  @Test
  void aBillionLaughsIsRefusedQuickly() {
    StringBuilder y = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      y.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 5; i++) {
        y.append(i == 0 ? "" : ",").append('*').append(prev);
      }
      y.append("]\n");
      prev = c;
    }
    long start = System.nanoTime();
    assertThatThrownBy(() -> parse(y.toString()))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("alias");
    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
  }

  @Test
  void fewAliasesThatStillExpandTooFarAreRefused() {
    // 20 levels of two aliases: 40 aliases (under the per-document count), 2^20 nodes expanded.
    StringBuilder y = new StringBuilder("l0: &l0 [x, y]\n");
    for (int i = 1; i <= 20; i++) {
      y.append("l").append(i).append(": &l").append(i);
      y.append(" [*l").append(i - 1).append(", *l").append(i - 1).append("]\n");
    }
    assertThatThrownBy(() -> parse(y.toString()))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("excessive aliasing");
  }

  @Test
  void malformedAndMultiDocumentBodiesAreBadRequests() {
    assertThatThrownBy(() -> parse("a: [1, 2"))
        .isInstanceOf(ApiException.class)
        .hasMessageStartingWith("error decoding request body: yaml:");
    assertThatThrownBy(() -> parse("a: 1\n---\nb: 2\n")).isInstanceOf(ApiException.class);
  }
}
