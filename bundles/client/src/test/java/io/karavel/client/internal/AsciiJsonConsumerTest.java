package io.karavel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsciiJsonConsumerTest {

  private static ByteBuffer piece(byte[] bytes) {
    return ByteBuffer.wrap(bytes);
  }

  private static String text(List<ByteBuffer> pieces) {
    StringBuilder s = new StringBuilder();
    for (ByteBuffer p : pieces) {
      // As fabric8 7.4's HTTP watch decodes a piece: the whole array of the decoded buffer.
      s.append(StandardCharsets.UTF_8.decode(p).array());
    }
    return s.toString();
  }

  @Test
  void asciiPiecesPassUnchanged() throws Exception {
    List<List<ByteBuffer>> seen = new ArrayList<>();
    AsciiJsonConsumer consumer = new AsciiJsonConsumer((pieces, body) -> seen.add(pieces));
    List<ByteBuffer> pieces = List.of(piece("{\"a\":1}\n".getBytes(StandardCharsets.US_ASCII)));

    consumer.consume(pieces, null);

    assertThat(seen).containsExactly(pieces);
  }

  @Test
  void nonAsciiCharactersBecomeEscapesEvenWhenSplitAcrossPieces() throws Exception {
    String json = "{\"note\":\"caf\u00e9 \ud83d\ude80 \u00fc\"}\n{\"b\":2}\n";
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    // Inside the two bytes of the e acute, and inside the four of the rocket.
    int inE = utf8Length(json.substring(0, json.indexOf('\u00e9'))) + 1;
    int inRocket = utf8Length(json.substring(0, json.indexOf('\ud83d'))) + 2;
    List<ByteBuffer> delivered = new ArrayList<>();
    AsciiJsonConsumer consumer = new AsciiJsonConsumer((pieces, body) -> delivered.addAll(pieces));

    consumer.consume(List.of(piece(Arrays.copyOfRange(bytes, 0, inE))), null);
    consumer.consume(
        List.of(
            piece(Arrays.copyOfRange(bytes, inE, inRocket)),
            piece(Arrays.copyOfRange(bytes, inRocket, bytes.length))),
        null);

    String text = text(delivered);
    assertThat(text).doesNotContain("\u0000").isEqualTo(escaped(json));
    String firstLine = text.substring(0, text.indexOf('\n'));
    assertThat(new ObjectMapper().readTree(firstLine).get("note").asText())
        .isEqualTo("caf\u00e9 \ud83d\ude80 \u00fc");
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String escaped(String json) {
    StringBuilder s = new StringBuilder();
    for (char c : json.toCharArray()) {
      s.append(c < 0x80 ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return s.toString();
  }
}
