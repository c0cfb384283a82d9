package io.karavel.store.embedded.internal;

import io.karavel.store.spi.KeyValue;
import io.karavel.store.spi.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A snapshot: the retained history as of one revision, so that the log segments before it can be
 * deleted and startup does not replay the whole past. Framed like the log: a header (revision,
 * compact revision), every retained version in key order, a trailer with the count. Written to a
 * temporary file and renamed into place, so a snapshot that exists is complete.
 */
final class SnapshotFile {
  private static final int FLUSH_AT = 1 << 20;

  private SnapshotFile() {}

  /** What a snapshot restored. */
  record Loaded(long revision, long compactRevision) {}

  static void write(
      StoreDirectory directory, long sequence, long revision, long compactRevision, MvccIndex index)
      throws IOException {
    Path target = directory.snapshot(sequence);
    Path temporary = directory.temporary(target);
    RecordBuffer buffer = new RecordBuffer(2 * FLUSH_AT);
    long versions = 0;
    try (FileChannel out =
        FileChannel.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      buffer.add(LogRecord.snapshotHeader(revision, compactRevision));
      for (KeyHistory history : index.histories()) {
        for (KeyValue kv : history.versions()) {
          if (kv.modRevision() <= revision) {
            buffer.add(LogRecord.version(kv));
            versions++;
            if (buffer.size() >= FLUSH_AT) {
              writeAll(out, buffer.contents());
              buffer.clear(4 * FLUSH_AT, 2 * FLUSH_AT);
            }
          }
        }
      }
      buffer.add(LogRecord.snapshotEnd(versions));
      writeAll(out, buffer.contents());
      out.force(true);
    }
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    directory.sync();
  }

  private static void writeAll(FileChannel out, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }

  /**
   * Loads a snapshot into an empty index.
   *
   * @throws StoreException if the snapshot is damaged or incomplete
   */
  static Loaded read(Path file, MvccIndex into) throws IOException {
    try (RecordReader reader = new RecordReader(file)) {
      LogRecord header = reader.next();
      if (header == null || header.type() != LogRecord.Type.SNAPSHOT_HEADER) {
        throw damaged(file, reader, "no header");
      }
      long versions = 0;
      LogRecord record;
      while ((record = reader.next()) != null) {
        switch (record.type()) {
          case VERSION -> {
            into.load(record.kv());
            versions++;
          }
          case SNAPSHOT_END -> {
            if (record.revision() != versions || reader.next() != null) {
              throw damaged(file, reader, "trailer does not match");
            }
            into.rebuildEvents(header.compactRevision());
            return new Loaded(header.revision(), header.compactRevision());
          }
          default -> throw damaged(file, reader, "unexpected " + record.type() + " record");
        }
      }
      throw damaged(file, reader, "no trailer");
    }
  }

  private static StoreException damaged(Path file, RecordReader reader, String what) {
    String why = reader.damage() == null ? what : what + ": " + reader.damage();
    return new StoreException("snapshot " + file + " is damaged (" + why + ")");
  }
}
