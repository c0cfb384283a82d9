package io.karavel.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** -o yaml and -o json compared byte for byte with kubectl's output for the same objects. */
class ObjectPrinterTest {
  private final JsonNode list = Fixtures.json("configmaps-list.json");

  /** kubectl prints a list of objects as a v1 List with an empty resourceVersion. */
  private JsonNode asKubectlList() {
    ObjectNode printed = Json.object();
    printed.put("apiVersion", "v1");
    printed.set("items", list.get("items"));
    printed.put("kind", "List");
    printed.putObject("metadata").put("resourceVersion", "");
    return printed;
  }

  @Test
  void yamlOfAListMatchesKubectl() {
    assertThat(ObjectPrinter.yaml(asKubectlList())).isEqualTo(Fixtures.text("yaml.txt"));
  }

  @Test
  void yamlOfOneObjectMatchesKubectl() {
    assertThat(ObjectPrinter.yaml(list.get("items").get(0))).isEqualTo(Fixtures.text("one.yaml"));
  }

  @Test
  void jsonOfAListMatchesKubectl() {
    assertThat(ObjectPrinter.json(asKubectlList())).isEqualTo(Fixtures.text("json.txt"));
  }

  @Test
  void yamlQuotesWhatWouldReadAsAnotherType() {
    assertThat(ObjectPrinter.yamlString("true", 0)).isEqualTo("\"true\"");
    assertThat(ObjectPrinter.yamlString("1e3", 0)).isEqualTo("\"1e3\"");
    assertThat(ObjectPrinter.yamlString("0x1F", 0)).isEqualTo("\"0x1F\"");
    assertThat(ObjectPrinter.yamlString("~", 0)).isEqualTo("\"~\"");
    assertThat(ObjectPrinter.yamlString("web-1", 0)).isEqualTo("web-1");
    assertThat(ObjectPrinter.yamlString("a: b", 0)).isEqualTo("'a: b'");
    assertThat(ObjectPrinter.yamlString("tab\there", 0)).isEqualTo("'tab\there'");
  }
}
