package io.karavel.apiserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.karavel.store.spi.KeyValue;
import io.karavel.store.spi.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Watch frames spliced from stored bytes (no selectors) must equal, byte for byte, the frames
 * encoded from the decoded object (the path every watch with a selector takes).
 */
class WatchFramesTest {
  private static final WatchHandler.Renderer OBJECTS =
      new WatchHandler.Renderer(null, MediaTypes.Rendering.OBJECT, null, null);

  /** Matches every object used here, but is not empty, so it takes the decoding path. */
  private static final LabelSelector ALL_DECODED = LabelSelector.parse("!absent");

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
    for (WatchEvent e : events) {
      byte[] spliced =
          WatchHandler.translate(e, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, OBJECTS);
      byte[] decoded = WatchHandler.translate(e, ALL_DECODED, FieldSelector.EVERYTHING, OBJECTS);
      assertThat(utf8(spliced)).as(e.type() + " at " + e.revision()).isEqualTo(utf8(decoded));
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

  private static KeyValue kv(String json, long created, long modified) {
    return new KeyValue(
        "/registry/pods/d/p", json.getBytes(StandardCharsets.UTF_8), created, modified, 1);
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
