package io.karavel.store.embedded.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * The segment of the log that is being appended to. Only the commit writer touches it (and the
 * store once it has stopped the writer), so it needs no locking.
 */
final class WriteAheadLog implements Closeable {
  private final StoreDirectory directory;
  private FileChannel channel;
  private long sequence;
  private long size;
  private volatile long syncs;

  private WriteAheadLog(StoreDirectory directory, FileChannel channel, long sequence, long size) {
    this.directory = directory;
    this.channel = channel;
    this.sequence = sequence;
    this.size = size;
  }

  /** Opens segment {@code sequence} for appending after its first {@code validBytes} bytes. */
  static WriteAheadLog open(StoreDirectory directory, long sequence, long validBytes)
      throws IOException {
    boolean created = !directory.segment(sequence).toFile().exists();
    FileChannel channel =
        FileChannel.open(
            directory.segment(sequence), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    if (channel.size() > validBytes) {
      channel.truncate(validBytes);
      channel.force(true);
    }
    channel.position(validBytes);
    if (created) {
      directory.sync();
    }
    return new WriteAheadLog(directory, channel, sequence, validBytes);
  }

  void append(ByteBuffer records) throws IOException {
    while (records.hasRemaining()) {
      size += channel.write(records);
    }
  }

  /** Forces appended records to disk; a write is acknowledged only after this. */
  void sync() throws IOException {
    channel.force(false);
    syncs++;
  }

  /**
   * Closes the current segment and starts the next one.
   *
   * @return the sequence number of the new segment
   */
  long rotate() throws IOException {
    channel.force(true);
    channel.close();
    sequence++;
    channel =
        FileChannel.open(
            directory.segment(sequence), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    size = 0;
    directory.sync();
    return sequence;
  }

  long size() {
    return size;
  }

  long sequence() {
    return sequence;
  }

  /** How many times the log was forced to disk; tells how well writes share fsyncs. */
  long syncs() {
    return syncs;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
