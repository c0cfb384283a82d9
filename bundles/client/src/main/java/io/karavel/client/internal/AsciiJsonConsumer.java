package io.karavel.client.internal;

import io.fabric8.kubernetes.client.http.AsyncBody;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes a streamed JSON body on with every non-ASCII character written as a {@code \}{@code uXXXX}
 * escape, which JSON reads as the same character.
 *
 * <p>fabric8 7.4's HTTP watch decodes each piece with {@code UTF_8.decode(piece).array()}, which
 * also returns the unused end of the decoder's buffer: every multi-byte character in a piece adds a
 * NUL character to the next event, whose parsing then fails and closes the watch, and a character
 * split across two pieces becomes replacement characters. In ASCII each byte is one character. A
 * character split across pieces is carried over to the next piece, whole.
 */
final class AsciiJsonConsumer implements AsyncBody.Consumer<List<ByteBuffer>> {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NONE = new byte[0];

  private final AsyncBody.Consumer<List<ByteBuffer>> consumer;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  // The start of a character the previous piece ended in; calls are serial, never concurrent.
  private byte[] carry = NONE;

  AsciiJsonConsumer(AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    this.consumer = consumer;
  }

  @Override
  public void consume(List<ByteBuffer> pieces, AsyncBody body) throws Exception {
    consumer.consume(ascii(pieces), body);
  }

  @Override
  public <U> U unwrap(Class<U> target) {
    return consumer.unwrap(target);
  }

  List<ByteBuffer> ascii(List<ByteBuffer> pieces) {
    if (carry.length == 0 && pieces.stream().allMatch(AsciiJsonConsumer::isAscii)) {
      return pieces;
    }
    List<ByteBuffer> escaped = new ArrayList<>(pieces.size());
    for (ByteBuffer piece : pieces) {
      escaped.add(ascii(piece));
    }
    return escaped;
  }

  private static boolean isAscii(ByteBuffer piece) {
    for (int i = piece.position(); i < piece.limit(); i++) {
      if (piece.get(i) < 0) {
        return false;
      }
    }
    return true;
  }

  private ByteBuffer ascii(ByteBuffer piece) {
    ByteBuffer in = piece;
    if (carry.length > 0) {
      in = ByteBuffer.allocate(carry.length + piece.remaining()).put(carry).put(piece).flip();
      carry = NONE;
    }
    CharBuffer chars = CharBuffer.allocate(in.remaining());
    // Not the end of input: an incomplete character at the end stays in the buffer.
    decoder.decode(in, chars, false);
    if (in.hasRemaining()) {
      carry = new byte[in.remaining()];
      in.get(carry);
    }
    chars.flip();
    int length = 0;
    for (int i = 0; i < chars.limit(); i++) {
      length += chars.get(i) < 0x80 ? 1 : 6;
    }
    ByteBuffer out = ByteBuffer.allocate(length);
    while (chars.hasRemaining()) {
      char c = chars.get();
      if (c < 0x80) {
        out.put((byte) c);
      } else {
        // UTF-16 code units: a character beyond the BMP becomes its surrogate pair, as in JSON.
        out.put((byte) '\\')
            .put((byte) 'u')
            .put(HEX[(c >> 12) & 0xf])
            .put(HEX[(c >> 8) & 0xf])
            .put(HEX[(c >> 4) & 0xf])
            .put(HEX[c & 0xf]);
      }
    }
    return out.flip();
  }
}
