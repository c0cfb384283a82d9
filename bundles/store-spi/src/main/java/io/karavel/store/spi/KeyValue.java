package io.karavel.store.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * One version of one key, as etcd's {@code mvccpb.KeyValue}.
 *
 * @param key the key
 * @param value the value bytes; empty (never null) for the key of a delete event
 * @param createRevision the revision at which the key was last created
 * @param modRevision the revision of the write that produced this version
 * @param version how many times the key was written since it was created (1 after create)
 */
public record KeyValue(
    String key, byte[] value, long createRevision, long modRevision, long version) {

  public KeyValue {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyValue kv
        && key.equals(kv.key)
        && Arrays.equals(value, kv.value)
        && createRevision == kv.createRevision
        && modRevision == kv.modRevision
        && version == kv.version;
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, Arrays.hashCode(value), createRevision, modRevision, version);
  }

  @Override
  public String toString() {
    return "KeyValue[" + key + "@" + modRevision + ", " + value.length + " bytes]";
  }
}
