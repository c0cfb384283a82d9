package io.karavel.store.embedded.internal;

import java.nio.ByteBuffer;

/** A growable buffer of encoded records, written to a file in one call. */
final class RecordBuffer {
  private static final byte[] NO_KEY = new byte[0];
  private ByteBuffer buffer;

  RecordBuffer(int initialCapacity) {
    buffer = ByteBuffer.allocateDirect(initialCapacity);
  }

  void add(LogRecord record) {
    byte[] key = record.kv() == null ? NO_KEY : RecordCodec.keyBytes(record.kv().key());
    int size = RecordCodec.encodedSize(record, key);
    if (buffer.remaining() < size) {
      int capacity = buffer.capacity();
      while (capacity - buffer.position() < size) {
        capacity *= 2;
      }
      ByteBuffer bigger = ByteBuffer.allocateDirect(capacity);
      buffer.flip();
      bigger.put(buffer);
      buffer = bigger;
    }
    RecordCodec.encode(record, key, buffer);
  }

  /** Bytes buffered so far. */
  int size() {
    return buffer.position();
  }

  /** The buffered bytes, ready to be written; call {@link #clear()} once they are. */
  ByteBuffer contents() {
    return buffer.flip();
  }

  /** Empties the buffer, shrinking it back when one large value had made it grow. */
  void clear(int shrinkAbove, int initialCapacity) {
    if (buffer.capacity() > shrinkAbove) {
      buffer = ByteBuffer.allocateDirect(initialCapacity);
    } else {
      buffer.clear();
    }
  }
}
