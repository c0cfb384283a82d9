package io.karavel.apiserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.store.spi.KeyValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Responses written from stored bytes must equal, byte for byte, those encoded from the tree. */
class StoredJsonTest {

  private static final String DATA = "x\"y\\z\u00e9\u4e2d\ud83d\ude00\n\t{}[],:".repeat(40);

  /** Stored values as the API server writes them: compact JSON, no resourceVersion. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\","
            + "\"namespace\":\"default\",\"uid\":\"u\",\"creationTimestamp\":\"2026-12-06T00:00:00Z\","
            + "\"labels\":{\"app\":\"web\",\"k}\":\"v{\"},\"annotations\":{\"a\\\"b\":\"[\\\\\"}},"
            + "\"data\":{\"k\":\"DATA\"}}",
        "{\"metadata\":{\"name\":\"b\",\"ownerReferences\":[{\"uid\":\"1\",\"controller\":true}],"
            + "\"managedFields\":[{\"fieldsV1\":{\"f:data\":{\".\":{},\"f:k\":{}}},"
            + "\"time\":\"t\"}],\"generation\":3,\"deletionGracePeriodSeconds\":0,"
            + "\"finalizers\":[]},\"spec\":{\"x\":1.5,\"y\":null,\"z\":-2E+3,\"w\":false}}",
        "{\"kind\":\"Namespace\",\"spec\":{\"finalizers\":[\"kubernetes\"]},"
            + "\"metadata\":{\"name\":\"n\"},\"status\":{\"phase\":\"Active\"}}",
        "{\"kind\":\"Empty\",\"metadata\":{}}",
        "{\"kind\":\"NoMetadata\",\"data\":{\"a\":\"b\"}}",
        "{\"kind\":\"Stored\",\"metadata\":{\"name\":\"s\",\"resourceVersion\":\"7\",\"uid\":\"u\"}}",
        "{ \"kind\" : \"Spaced\", \"metadata\" : { \"name\" : \"s\" , \"generation\" : 2 } }",
        "{\"kind\":\"SpacedMember\",\"metadata\":{\"generation\":2 ,\"name\":\"s\"}}",
        "{}",
      })
  void objectEqualsTheTreeEncoding(String stored) {
    KeyValue kv = stored(stored.replace("DATA", escaped(DATA)), 4711);
    String expected = utf8(Json.bytes(ObjectStore.decode(kv)));
    assertThat(utf8(StoredJson.object(kv))).isEqualTo(expected);
  }

  @Test
  void theRevisionGoesLastInMetadata() {
    KeyValue kv = stored("{\"kind\":\"K\",\"metadata\":{\"name\":\"a\"},\"data\":{}}", 12);
    assertThat(utf8(StoredJson.object(kv)))
        .isEqualTo(
            "{\"kind\":\"K\",\"metadata\":{\"name\":\"a\",\"resourceVersion\":\"12\"},\"data\":{}}");
    assertThat(StoredJson.metadataEnd(kv.value())).isEqualTo(34);
  }

  @Test
  void truncatedOrOddBytesFallBack() {
    for (String s :
        List.of(
            "",
            "[]",
            "{\"metadata\":{\"name\":\"a\"",
            "{\"metadata\":{\"name\":\"a",
            "{\"a\":\"\\\"}",
            "{\"a\":[1,2}")) {
      assertThat(StoredJson.metadataEnd(s.getBytes(StandardCharsets.UTF_8))).as(s).isEqualTo(-1);
    }
  }

  @Test
  void listEqualsTheTreeEncoding() {
    List<KeyValue> items = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("apiVersion", "v1");
      o.put("kind", "ConfigMap");
      ObjectNode meta = o.putObject("metadata");
      meta.put("name", "cm-" + i);
      meta.put("namespace", "default");
      if (i % 3 == 0) {
        meta.putObject("labels").put("i", Integer.toString(i));
      }
      o.putObject("data").put("payload", DATA.substring(0, i * 7));
      items.add(new KeyValue("/registry/configmaps/default/cm-" + i, Json.bytes(o), 5, 100 + i, 1));
    }
    // one stored value the splice cannot handle, served through the tree
    items.add(stored("{\"kind\":\"ConfigMap\",\"metadata\":{\"resourceVersion\":\"1\"}}", 999));

    ObjectNode tree = Json.MAPPER.createObjectNode();
    tree.put("kind", "ConfigMapList");
    tree.put("apiVersion", "v1");
    tree.putObject("metadata").put("resourceVersion", "1000").put("continue", "abc");
    ObjectNode head = tree.deepCopy();
    head.putArray("items");
    ArrayNode array = tree.putArray("items");
    items.forEach(kv -> array.add(ObjectStore.decode(kv)));

    assertThat(utf8(StoredJson.list(Json.bytes(head), items))).isEqualTo(utf8(Json.bytes(tree)));
    tree.putArray("items");
    assertThat(utf8(StoredJson.list(Json.bytes(head), List.of())))
        .isEqualTo(utf8(Json.bytes(tree)));
  }

  @Test
  void writtenJsonEqualsTheEncodedTreeAfterAWrite() {
    // An update body carries its resourceVersion in the middle of metadata; the store drops it and
    // the written tree gets the new one at the end, as the spliced bytes do.
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("apiVersion", "v1");
    o.put("kind", "Pod");
    ObjectNode meta = o.putObject("metadata");
    meta.put("name", "p");
    meta.put("resourceVersion", "41");
    meta.putObject("labels").put("a", "\u00e9\"");
    o.putObject("spec").putArray("containers").addObject().put("name", "c");
    byte[] stored = ObjectStore.encode(o);
    assertThat(utf8(stored)).doesNotContain("resourceVersion");
    ObjectStore.Written w =
        new ObjectStore.Written(ObjectStore.withResourceVersion(o, 42), stored, 42);
    assertThat(utf8(w.json()))
        .isEqualTo(utf8(Json.bytes(o)))
        .contains("\"resourceVersion\":\"42\"}");
    // Nothing stored (dry run, no-op update): encoded from the tree.
    assertThat(utf8(ObjectStore.Written.unstored(o).json())).isEqualTo(utf8(Json.bytes(o)));
  }

  private static KeyValue stored(String json, long revision) {
    return new KeyValue(
        "/registry/x/" + revision, json.getBytes(StandardCharsets.UTF_8), 1, revision, 1);
  }

  private static String escaped(String s) {
    String quoted = utf8(Json.bytes(Json.MAPPER.getNodeFactory().textNode(s)));
    return quoted.substring(1, quoted.length() - 1);
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
