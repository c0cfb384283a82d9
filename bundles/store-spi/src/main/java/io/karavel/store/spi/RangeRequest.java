package io.karavel.store.spi;

import java.util.Objects;

/**
 * A read of the keys in {@code [fromKey, toKey)} in key order, as etcd's {@code RangeRequest}.
 *
 * @param fromKey first key (inclusive)
 * @param toKey end of the range (exclusive); {@code null} reads the single key {@code fromKey}
 * @param revision the revision to read at; {@code 0} reads the newest state
 * @param limit the most keys to return; {@code 0} means no limit
 */
public record RangeRequest(String fromKey, String toKey, long revision, long limit) {

  public RangeRequest {
    Objects.requireNonNull(fromKey, "fromKey");
    if (revision < 0 || limit < 0) {
      throw new IllegalArgumentException("revision and limit must be >= 0");
    }
  }

  /** All keys that start with {@code prefix}, newest state, no limit. */
  public static RangeRequest prefix(String prefix) {
    return new RangeRequest(prefix, prefixEnd(prefix), 0, 0);
  }

  /** All keys that start with {@code prefix}, at a revision and with a limit. */
  public static RangeRequest prefix(String prefix, long revision, long limit) {
    return new RangeRequest(prefix, prefixEnd(prefix), revision, limit);
  }

  /**
   * The smallest key greater than every key that starts with {@code prefix} (etcd's {@code
   * GetPrefixRangeEnd}): the prefix with its last character incremented.
   */
  public static String prefixEnd(String prefix) {
    if (prefix.isEmpty()) {
      return "\uffff";
    }
    char last = prefix.charAt(prefix.length() - 1);
    return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
  }
}
