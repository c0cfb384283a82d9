package io.karavel.store.embedded.internal;

import io.karavel.store.spi.KeyValue;
import io.karavel.store.spi.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.NavigableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the state at startup: the newest snapshot, then every later log segment in order. The
 * last segment may end in a torn record (the process died while appending); that tail is cut off,
 * since no write in it was acknowledged. Damage anywhere else means lost acknowledged writes, and
 * recovery refuses to go on.
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  /** The recovered state and where appending continues. */
  record Result(
      MvccIndex index,
      long revision,
      long compactRevision,
      long segment,
      long segmentBytes,
      long truncatedBytes) {}

  private final StoreDirectory directory;
  private final long maxTornBytes;
  private final MvccIndex index = new MvccIndex();
  private long revision = 1;
  private long compactRevision;

  /**
   * @param maxTornBytes the most bytes a torn tail may span: one commit batch. A longer damaged
   *     tail cannot come from a crash during one append; 0 accepts any length (no fsync).
   */
  Recovery(StoreDirectory directory, long maxTornBytes) {
    this.directory = directory;
    this.maxTornBytes = maxTornBytes;
  }

  Result run() throws IOException {
    directory.deleteTemporaryFiles();
    long firstSegment = 1;
    Map.Entry<Long, Path> snapshot = directory.snapshots().lastEntry();
    if (snapshot != null) {
      SnapshotFile.Loaded loaded = SnapshotFile.read(snapshot.getValue(), index);
      revision = loaded.revision();
      compactRevision = loaded.compactRevision();
      firstSegment = snapshot.getKey();
      deleteOlderThan(firstSegment);
    }
    NavigableMap<Long, Path> segments = directory.segments().tailMap(firstSegment, true);
    long expected = firstSegment;
    long lastSegment = firstSegment;
    long lastBytes = 0;
    long truncated = 0;
    for (Map.Entry<Long, Path> segment : segments.entrySet()) {
      if (segment.getKey() != expected) {
        throw new StoreException("log segment " + expected + " is missing in " + directory.path());
      }
      boolean last = segment.getKey().equals(segments.lastKey());
      try (RecordReader reader = new RecordReader(segment.getValue())) {
        LogRecord record;
        while ((record = reader.next()) != null) {
          apply(record, segment.getValue());
        }
        if (reader.damage() != null) {
          long tail = reader.fileSize() - reader.goodOffset();
          if (!last || (maxTornBytes > 0 && tail > maxTornBytes)) {
            throw new StoreException(
                "log segment "
                    + segment.getValue()
                    + " is damaged ("
                    + reader.damage()
                    + ", "
                    + tail
                    + " bytes follow); refusing to drop acknowledged writes");
          }
          LOG.warn(
              "Cutting off a torn tail of {} bytes from {} ({})",
              tail,
              segment.getValue(),
              reader.damage());
          truncated = tail;
        }
        lastBytes = reader.goodOffset();
      }
      lastSegment = segment.getKey();
      expected++;
    }
    if (compactRevision > 0) {
      index.compact(compactRevision);
    }
    return new Result(index, revision, compactRevision, lastSegment, lastBytes, truncated);
  }

  private void apply(LogRecord record, Path file) {
    switch (record.type()) {
      case VERSION -> {
        KeyValue kv = record.kv();
        if (kv.modRevision() != revision + 1) {
          throw new StoreException(
              "log "
                  + file
                  + " jumps from revision "
                  + revision
                  + " to "
                  + kv.modRevision()
                  + "; the store is damaged");
        }
        index.add(kv);
        revision = kv.modRevision();
      }
      case COMPACT -> compactRevision = Math.max(compactRevision, record.revision());
      default -> throw new StoreException("unexpected " + record.type() + " record in " + file);
    }
  }

  private void deleteOlderThan(long sequence) throws IOException {
    boolean deleted = false;
    for (Path old : directory.segments().headMap(sequence, false).values()) {
      deleted |= Files.deleteIfExists(old);
    }
    for (Path old : directory.snapshots().headMap(sequence, false).values()) {
      deleted |= Files.deleteIfExists(old);
    }
    if (deleted) {
      directory.sync();
    }
  }
}
