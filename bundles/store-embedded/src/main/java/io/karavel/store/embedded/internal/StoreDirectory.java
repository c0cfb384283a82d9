package io.karavel.store.embedded.internal;

import io.karavel.store.spi.StoreUnavailableException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store's directory: numbered log segments ({@code log-N.wal}), snapshots ({@code
 * snapshot-N.snap}, the state before segment N) and a lock file that keeps a second store, in this
 * or another process, out.
 */
final class StoreDirectory implements Closeable {
  private static final Pattern SEGMENT = Pattern.compile("log-(\\d{16})\\.wal");
  private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d{16})\\.snap");

  private final Path path;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private StoreDirectory(Path path, FileChannel lockChannel, FileLock lock) {
    this.path = path;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  static StoreDirectory open(Path path) throws IOException {
    Files.createDirectories(path);
    FileChannel channel =
        FileChannel.open(path.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new StoreUnavailableException(
          "store directory " + path + " is in use by another store");
    }
    return new StoreDirectory(path, channel, lock);
  }

  Path path() {
    return path;
  }

  Path segment(long sequence) {
    return path.resolve(String.format("log-%016d.wal", sequence));
  }

  Path snapshot(long sequence) {
    return path.resolve(String.format("snapshot-%016d.snap", sequence));
  }

  Path temporary(Path target) {
    return target.resolveSibling(target.getFileName() + ".tmp");
  }

  NavigableMap<Long, Path> segments() throws IOException {
    return list(SEGMENT);
  }

  NavigableMap<Long, Path> snapshots() throws IOException {
    return list(SNAPSHOT);
  }

  private NavigableMap<Long, Path> list(Pattern pattern) throws IOException {
    NavigableMap<Long, Path> found = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(path)) {
      for (Path f : files) {
        Matcher m = pattern.matcher(f.getFileName().toString());
        if (m.matches()) {
          found.put(Long.parseLong(m.group(1)), f);
        }
      }
    }
    return found;
  }

  /** Removes leftovers of snapshots that were being written when the process stopped. */
  void deleteTemporaryFiles() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(path, "*.tmp")) {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
    }
  }

  /** Makes creations, renames and deletions in the directory durable. */
  void sync() throws IOException {
    try (FileChannel dir = FileChannel.open(path, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      lockChannel.close();
    }
  }
}
