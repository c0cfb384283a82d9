package io.karavel.store.spi;

import java.util.List;

/**
 * The answer to a {@link RangeRequest}.
 *
 * @param kvs the keys found, in key order, at most {@code limit} of them
 * @param more whether keys past the last one returned exist in the range
 * @param count how many keys the whole range holds (ignoring the limit)
 * @param revision the revision the read was served at (the store's current revision when the
 *     request asked for {@code 0})
 */
public record RangeResult(List<KeyValue> kvs, boolean more, long count, long revision) {
  public RangeResult {
    kvs = List.copyOf(kvs);
  }
}
