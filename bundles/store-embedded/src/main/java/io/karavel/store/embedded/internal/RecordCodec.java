package io.karavel.store.embedded.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.karavel.store.spi.KeyValue;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk framing of {@link LogRecord}s: {@code int length, int crc32c(payload), payload}, big
 * endian. The checksum is what tells a torn or partial record at the end of a log from a good one.
 *
 * <p>Payload of a version: {@code byte type, long modRevision, long createRevision, long version,
 * int keyLength, key (UTF-8), int valueLength, value}. Other types carry {@code byte type, long
 * revision, long compactRevision}.
 */
final class RecordCodec {
  /** Frame header: length and checksum. */
  static final int HEADER = 8;

  /** Payload bytes of a record without key and value. */
  private static final int VERSION_FIXED = 1 + 8 + 8 + 8 + 4 + 4;

  private static final int CONTROL_SIZE = 1 + 8 + 8;

  private RecordCodec() {}

  /** How many bytes {@code record} takes on disk, frame included. */
  static int encodedSize(LogRecord record, byte[] keyBytes) {
    if (record.type() == LogRecord.Type.VERSION) {
      return HEADER + VERSION_FIXED + keyBytes.length + record.kv().value().length;
    }
    return HEADER + CONTROL_SIZE;
  }

  /** Appends {@code record} to {@code out}, which must have room for {@link #encodedSize} bytes. */
  static void encode(LogRecord record, byte[] keyBytes, ByteBuffer out) {
    int start = out.position();
    out.position(start + HEADER);
    out.put(record.type().code);
    if (record.type() == LogRecord.Type.VERSION) {
      KeyValue kv = record.kv();
      out.putLong(kv.modRevision());
      out.putLong(kv.createRevision());
      out.putLong(kv.version());
      out.putInt(keyBytes.length);
      out.put(keyBytes);
      out.putInt(kv.value().length);
      out.put(kv.value());
    } else {
      out.putLong(record.revision());
      out.putLong(record.compactRevision());
    }
    int end = out.position();
    int length = end - start - HEADER;
    CRC32C crc = new CRC32C();
    ByteBuffer payload = out.duplicate();
    payload.position(start + HEADER).limit(end);
    crc.update(payload);
    out.putInt(start, length);
    out.putInt(start + 4, (int) crc.getValue());
  }

  static byte[] keyBytes(String key) {
    return key.getBytes(UTF_8);
  }

  /** Whether {@code payload} has the checksum {@code crc}. */
  static boolean checksumMatches(byte[] payload, int crc) {
    CRC32C c = new CRC32C();
    c.update(payload, 0, payload.length);
    return (int) c.getValue() == crc;
  }

  /**
   * Decodes a payload whose checksum matched.
   *
   * @throws IllegalArgumentException if the payload is malformed
   */
  static LogRecord decode(byte[] payload) {
    ByteBuffer in = ByteBuffer.wrap(payload);
    try {
      LogRecord.Type type = LogRecord.Type.of(in.get());
      if (type == null) {
        throw new IllegalArgumentException("unknown record type " + payload[0]);
      }
      LogRecord record;
      if (type == LogRecord.Type.VERSION) {
        long modRevision = in.getLong();
        long createRevision = in.getLong();
        long version = in.getLong();
        byte[] key = new byte[in.getInt()];
        in.get(key);
        byte[] value = new byte[in.getInt()];
        in.get(value);
        record =
            LogRecord.version(
                new KeyValue(new String(key, UTF_8), value, createRevision, modRevision, version));
      } else {
        long revision = in.getLong();
        long compactRevision = in.getLong();
        record = new LogRecord(type, null, revision, compactRevision);
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("trailing bytes in record");
      }
      return record;
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new IllegalArgumentException("malformed record", e);
    }
  }
}
