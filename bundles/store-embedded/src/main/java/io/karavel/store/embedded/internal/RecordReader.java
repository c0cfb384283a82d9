package io.karavel.store.embedded.internal;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads framed records from a log or snapshot file, front to back, and stops at the first record
 * that is incomplete or fails its checksum, remembering where the last good one ended.
 */
final class RecordReader implements Closeable {
  private final DataInputStream in;
  private final long fileSize;
  private long goodOffset;
  private String damage;

  RecordReader(Path file) throws IOException {
    this.fileSize = Files.size(file);
    this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20));
  }

  /**
   * The next good record, or null at the end of the file or at the first damaged record ({@link
   * #damage()} tells which).
   */
  LogRecord next() throws IOException {
    if (damage != null || goodOffset == fileSize) {
      return null;
    }
    long remaining = fileSize - goodOffset;
    if (remaining < RecordCodec.HEADER) {
      return stop("partial record header (" + remaining + " bytes)");
    }
    int length = in.readInt();
    int crc = in.readInt();
    if (length <= 0 || length > remaining - RecordCodec.HEADER) {
      return stop("record length " + length + " does not fit the " + remaining + " bytes left");
    }
    byte[] payload = new byte[length];
    try {
      in.readFully(payload);
    } catch (EOFException e) {
      return stop("file ended inside a record");
    }
    if (!RecordCodec.checksumMatches(payload, crc)) {
      return stop("checksum mismatch");
    }
    LogRecord record;
    try {
      record = RecordCodec.decode(payload);
    } catch (IllegalArgumentException e) {
      return stop(e.getMessage());
    }
    goodOffset += RecordCodec.HEADER + length;
    return record;
  }

  private LogRecord stop(String why) {
    damage = why + " at offset " + goodOffset;
    return null;
  }

  /** Where the last good record ends. */
  long goodOffset() {
    return goodOffset;
  }

  /** Why reading stopped before the end of the file, or null if it did not. */
  String damage() {
    return damage;
  }

  long fileSize() {
    return fileSize;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
