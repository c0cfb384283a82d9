package io.karavel.apiserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.store.spi.KeyValue;
import io.karavel.store.spi.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Watch frames spliced from stored bytes, with and without selectors, must equal, byte for byte,
 * the frames encoded from the decoded object.
 */
class WatchFramesTest {
  private static final WatchHandler.Renderer OBJECTS =
      new WatchHandler.Renderer(null, MediaTypes.Rendering.OBJECT, null, null);

  /** Matches every object used here, but is not empty, so it takes the selector path. */
  private static final LabelSelector ALL_SELECTED = LabelSelector.parse("!absent");

  @Test
  void createUpdateAndDeleteFramesEqualTheDecodedOnes() {
    String v1 =
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"d\","
            + "\"labels\":{\"app\":\"web\"}},\"spec\":{\"nodeName\":\"n\\\"1\"}}";
    String v2 = v1.replace("web", "api");
    KeyValue created = kv(v1, 10, 10);
    KeyValue updated = kv(v2, 10, 11);
    KeyValue tombstone = new KeyValue(created.key(), new byte[0], 0, 12, 0);
    KeyValue odd =
        kv("{\"kind\":\"Pod\",\"metadata\":{\"resourceVersion\":\"3\",\"name\":\"q\"}}", 5, 13);

    List<WatchEvent> events =
        List.of(
            new WatchEvent(WatchEvent.Type.PUT, created, null),
            new WatchEvent(WatchEvent.Type.PUT, updated, created),
            new WatchEvent(WatchEvent.Type.DELETE, tombstone, updated),
            new WatchEvent(WatchEvent.Type.PUT, odd, null));
    List<String> expected =
        List.of(
            decodedFrame("ADDED", created, 10),
            decodedFrame("MODIFIED", updated, 11),
            decodedFrame("DELETED", updated, 12),
            decodedFrame("ADDED", odd, 13));
    for (int i = 0; i < events.size(); i++) {
      WatchEvent e = events.get(i);
      byte[] all =
          WatchHandler.translate(e, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, OBJECTS);
      byte[] selected = WatchHandler.translate(e, ALL_SELECTED, FieldSelector.EVERYTHING, OBJECTS);
      assertThat(utf8(all)).as(e.type() + " at " + e.revision()).isEqualTo(expected.get(i));
      assertThat(utf8(selected)).as(e.type() + " at " + e.revision()).isEqualTo(expected.get(i));
    }
    assertThat(
            utf8(
                WatchHandler.translate(
                    events.get(2), LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, OBJECTS)))
        .startsWith("{\"type\":\"DELETED\",\"object\":")
        .contains("\"resourceVersion\":\"12\"")
        .endsWith("}\n");
    // A delete without the previous version carries nothing to send.
    assertThat(
            WatchHandler.translate(
                new WatchEvent(WatchEvent.Type.DELETE, tombstone, null),
                LabelSelector.EVERYTHING,
                FieldSelector.EVERYTHING,
                OBJECTS))
        .isNull();
  }

  @Test
  void selectorTransitionsBecomeAddedAndDeleted() {
    String web =
        "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"labels\":{\"app\":\"web\"}},"
            + "\"spec\":{}}";
    KeyValue v1 = kv(web, 20, 20);
    KeyValue v2 = kv(web.replace("web", "api"), 20, 21);
    KeyValue v3 = kv(web, 20, 22);
    KeyValue gone = new KeyValue(v3.key(), new byte[0], 0, 23, 0);
    LabelSelector app = LabelSelector.parse("app=web");
    FieldSelector any = FieldSelector.EVERYTHING;

    assertThat(utf8(WatchHandler.translate(put(v1, null), app, any, OBJECTS)))
        .isEqualTo(decodedFrame("ADDED", v1, 20));
    // Leaves the selection: DELETED with the new version, as upstream sends it.
    assertThat(utf8(WatchHandler.translate(put(v2, v1), app, any, OBJECTS)))
        .isEqualTo(decodedFrame("DELETED", v2, 21));
    // Outside the selection before and after: nothing.
    assertThat(WatchHandler.translate(put(v2, v2), app, any, OBJECTS)).isNull();
    // Comes back: ADDED.
    assertThat(utf8(WatchHandler.translate(put(v3, v2), app, any, OBJECTS)))
        .isEqualTo(decodedFrame("ADDED", v3, 22));
    // Deleted while selected: DELETED at the delete's revision; while not selected: nothing.
    assertThat(
            utf8(
                WatchHandler.translate(
                    new WatchEvent(WatchEvent.Type.DELETE, gone, v3), app, any, OBJECTS)))
        .isEqualTo(decodedFrame("DELETED", v3, 23));
    assertThat(
            WatchHandler.translate(
                new WatchEvent(WatchEvent.Type.DELETE, gone, v2), app, any, OBJECTS))
        .isNull();
  }

  private static WatchEvent put(KeyValue kv, KeyValue prev) {
    return new WatchEvent(WatchEvent.Type.PUT, kv, prev);
  }

  /** The frame encoded from the decoded object: the reference every spliced frame must equal. */
  private static String decodedFrame(String type, KeyValue kv, long revision) {
    ObjectNode o = ObjectStore.decode(kv);
    ObjectStore.withResourceVersion(o, revision);
    return utf8(OBJECTS.frame(type, o));
  }

  private static KeyValue kv(String json, long created, long modified) {
    return new KeyValue(
        "/registry/pods/d/p", json.getBytes(StandardCharsets.UTF_8), created, modified, 1);
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
