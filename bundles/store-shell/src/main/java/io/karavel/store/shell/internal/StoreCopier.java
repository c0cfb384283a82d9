package io.karavel.store.shell.internal;

import io.karavel.store.spi.KeyExistsException;
import io.karavel.store.spi.KeyValue;
import io.karavel.store.spi.KeyValueStore;
import io.karavel.store.spi.RangeRequest;
import io.karavel.store.spi.RangeResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Copies every key under a prefix from one store to another as of one revision of the source, then
 * verifies the target key by key: same keys, same bytes. Resource versions are not carried over
 * (they are the target's revisions), which is why stored values hold none.
 */
final class StoreCopier {

  /** What a copy did. */
  record Result(
      long sourceRevision, long copied, long overwritten, long verified, List<String> mismatches) {
    boolean ok() {
      return mismatches.isEmpty();
    }
  }

  private final KeyValueStore source;
  private final KeyValueStore target;
  private final int batch;
  private final Consumer<String> progress;

  StoreCopier(KeyValueStore source, KeyValueStore target, int batch, Consumer<String> progress) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1");
    }
    this.source = source;
    this.target = target;
    this.batch = batch;
    this.progress = progress;
  }

  /** How many keys the target holds under {@code prefix} now. */
  long targetCount(String prefix) {
    return target.range(RangeRequest.prefix(prefix, 0, 1)).count();
  }

  /**
   * Copies the source's keys under {@code prefix} as of its current revision. An existing target
   * key is replaced when {@code overwrite}, else the copy stops with {@link KeyExistsException}.
   * Keys under the prefix that exist only in the target are reported as mismatches.
   */
  Result copy(String prefix, boolean overwrite) {
    long revision = source.currentRevision();
    long total = source.range(RangeRequest.prefix(prefix, revision, 1)).count();
    progress.accept(
        "Copying " + total + " keys under " + prefix + " as of source revision " + revision);
    long copied = 0;
    long overwritten = 0;
    String from = prefix;
    while (true) {
      RangeResult page = source.range(page(from, prefix, revision));
      for (KeyValue kv : page.kvs()) {
        try {
          target.create(kv.key(), kv.value());
        } catch (KeyExistsException e) {
          if (!overwrite) {
            throw e;
          }
          target.update(kv.key(), kv.value(), 0);
          overwritten++;
        }
        copied++;
      }
      progress.accept("  copied " + copied + "/" + total);
      if (!page.more() || page.kvs().isEmpty()) {
        break;
      }
      from = page.kvs().get(page.kvs().size() - 1).key() + "\0";
    }
    progress.accept("Verifying...");
    List<String> mismatches = new ArrayList<>();
    long verified = verify(prefix, revision, mismatches);
    return new Result(revision, copied, overwritten, verified, List.copyOf(mismatches));
  }

  /**
   * Walks the source (at {@code revision}) and the target (now) in key order side by side: every
   * key must be in both with the same value.
   */
  private long verify(String prefix, long revision, List<String> mismatches) {
    Cursor src = new Cursor(source, prefix, revision);
    Cursor dst = new Cursor(target, prefix, 0);
    long verified = 0;
    KeyValue a = src.next();
    KeyValue b = dst.next();
    while (a != null || b != null) {
      int order = a == null ? 1 : b == null ? -1 : a.key().compareTo(b.key());
      if (order < 0) {
        mismatches.add(a.key() + ": missing in the target");
        a = src.next();
      } else if (order > 0) {
        mismatches.add(b.key() + ": only in the target");
        b = dst.next();
      } else {
        if (Arrays.equals(a.value(), b.value())) {
          verified++;
        } else {
          mismatches.add(a.key() + ": different value in the target");
        }
        a = src.next();
        b = dst.next();
      }
      if (mismatches.size() >= 100) {
        mismatches.add("(more differences not listed)");
        break;
      }
    }
    return verified;
  }

  private RangeRequest page(String from, String prefix, long revision) {
    return new RangeRequest(from, RangeRequest.prefixEnd(prefix), revision, batch);
  }

  /** The keys under a prefix at one revision, read a page at a time. */
  private final class Cursor {
    private final KeyValueStore store;
    private final String prefix;
    private long revision;
    private List<KeyValue> page = List.of();
    private int index;
    private String from;
    private boolean more = true;

    Cursor(KeyValueStore store, String prefix, long revision) {
      this.store = store;
      this.prefix = prefix;
      this.revision = revision;
      this.from = prefix;
    }

    KeyValue next() {
      if (index < page.size()) {
        return page.get(index++);
      }
      if (!more) {
        return null;
      }
      RangeResult r = store.range(page(from, prefix, revision));
      // Later pages of the target are read at the first page's revision: one consistent view.
      revision = r.revision();
      page = r.kvs();
      index = 0;
      more = r.more() && !page.isEmpty();
      if (page.isEmpty()) {
        return null;
      }
      from = page.get(page.size() - 1).key() + "\0";
      return page.get(index++);
    }
  }
}
