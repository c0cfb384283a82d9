package io.karavel.apiserver.internal;

import io.karavel.store.spi.KeyValue;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * JSON responses written from stored bytes without decoding them.
 *
 * <p>A stored value is the compact JSON of its object without {@code metadata.resourceVersion}
 * (that is the key's modification revision, see {@link ObjectStore}). Decoding it into a tree,
 * setting the revision and encoding the tree again appends the revision as the last member of
 * {@code metadata}; this class inserts the same bytes at the same place, which is what keeps a list
 * of thousands of objects cheap. The output is byte for byte what the tree would give. Anything
 * unexpected in the top-level or metadata members (no metadata object, a stored resourceVersion,
 * whitespace, truncation) falls back to the tree.
 */
final class StoredJson {
  private StoredJson() {}

  private static final byte[] METADATA = ascii("metadata");
  private static final byte[] RESOURCE_VERSION = ascii("resourceVersion");

  /** The JSON of one stored object with its resourceVersion. */
  static byte[] object(KeyValue kv) {
    return object(kv.value(), kv.modRevision());
  }

  /** The JSON of a stored value with {@code revision} as its resourceVersion. */
  static byte[] object(byte[] value, long revision) {
    return wrapped(NONE, value, revision, NONE);
  }

  private static final byte[] NONE = new byte[0];

  /**
   * {@code prefix}, the stored object {@code value} with {@code revision} as its resourceVersion,
   * then {@code suffix}: a watch frame is {@code {"type":"MODIFIED","object":} + object + {@code
   * }\n}.
   */
  static byte[] wrapped(byte[] prefix, byte[] value, long revision, byte[] suffix) {
    int at = metadataEnd(value);
    byte[] rv;
    if (at < 0) {
      value = viaTree(value, revision);
      rv = NONE;
      at = value.length;
    } else {
      rv = member(value, at, revision);
    }
    byte[] out = new byte[prefix.length + value.length + rv.length + suffix.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    int p = splice(out, prefix.length, value, at, rv);
    System.arraycopy(suffix, 0, out, p, suffix.length);
    return out;
  }

  /**
   * Copies {@code value} into {@code out} at {@code p} with {@code rv} inserted at {@code at} (the
   * close of its metadata); returns the index after it.
   */
  private static int splice(byte[] out, int p, byte[] value, int at, byte[] rv) {
    System.arraycopy(value, 0, out, p, at);
    p += at;
    System.arraycopy(rv, 0, out, p, rv.length);
    p += rv.length;
    System.arraycopy(value, at, out, p, value.length - at);
    return p + value.length - at;
  }

  /**
   * A list: {@code emptyList} is the list's JSON with an empty {@code items} array as its last
   * member (it ends with {@code []}}), {@code items} the stored objects to put into it.
   */
  static byte[] list(byte[] emptyList, List<KeyValue> items) {
    int head = emptyList.length - 3;
    if (head < 0
        || emptyList[head] != '['
        || emptyList[head + 1] != ']'
        || emptyList[head + 2] != '}') {
      throw new IllegalArgumentException("the list must end with an empty items array");
    }
    int n = items.size();
    int[] ends = new int[n];
    byte[][] revisions = new byte[n][];
    long size = emptyList.length + Math.max(0, n - 1);
    for (int i = 0; i < n; i++) {
      KeyValue kv = items.get(i);
      byte[] b = kv.value();
      int at = metadataEnd(b);
      if (at < 0) {
        revisions[i] = viaTree(b, kv.modRevision());
        ends[i] = -1;
      } else {
        revisions[i] = member(b, at, kv.modRevision());
        ends[i] = at;
      }
      size += revisions[i].length + (at < 0 ? 0 : b.length);
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw ApiException.internal("the list is too large to encode");
    }
    byte[] out = new byte[(int) size];
    System.arraycopy(emptyList, 0, out, 0, head + 1);
    int p = head + 1;
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        out[p++] = ',';
      }
      byte[] rv = revisions[i];
      int at = ends[i];
      if (at < 0) {
        System.arraycopy(rv, 0, out, p, rv.length);
        p += rv.length;
        continue;
      }
      p = splice(out, p, items.get(i).value(), at, rv);
    }
    out[p++] = ']';
    out[p++] = '}';
    return out;
  }

  /** The stored value decoded, given {@code revision} as its resourceVersion and encoded again. */
  private static byte[] viaTree(byte[] value, long revision) {
    return Json.bytes(ObjectStore.withResourceVersion(Json.readStored(value), revision));
  }

  /** {@code "resourceVersion":"N"}, after a comma unless the metadata object is empty. */
  private static byte[] member(byte[] b, int close, long revision) {
    String m = "\"resourceVersion\":\"" + revision + "\"";
    return ascii(b[close - 1] == '{' ? m : "," + m);
  }

  /**
   * The index of the closing brace of the top-level {@code metadata} object, or -1 when the bytes
   * are not shaped as expected or metadata already holds a resourceVersion.
   */
  static int metadataEnd(byte[] b) {
    int n = b.length;
    if (n < 2 || b[0] != '{') {
      return -1;
    }
    int i = 1;
    while (i < n && b[i] == '"') {
      int keyEnd = stringEnd(b, i);
      if (keyEnd < 0 || keyEnd + 1 >= n || b[keyEnd + 1] != ':') {
        return -1;
      }
      boolean metadata = isKey(b, i + 1, keyEnd, METADATA);
      i = keyEnd + 2;
      if (metadata) {
        return i < n && b[i] == '{' ? metadataClose(b, i) : -1;
      }
      i = valueEnd(b, i);
      if (i < 0 || i >= n || b[i] != ',') {
        return -1;
      }
      i++;
    }
    return -1;
  }

  /** The closing brace of the metadata object opening at {@code open}, or -1. */
  private static int metadataClose(byte[] b, int open) {
    int n = b.length;
    int i = open + 1;
    if (i < n && b[i] == '}') {
      return i;
    }
    while (i < n && b[i] == '"') {
      int keyEnd = stringEnd(b, i);
      if (keyEnd < 0 || keyEnd + 1 >= n || b[keyEnd + 1] != ':') {
        return -1;
      }
      if (isKey(b, i + 1, keyEnd, RESOURCE_VERSION)) {
        return -1;
      }
      i = valueEnd(b, keyEnd + 2);
      if (i < 0 || i >= n) {
        return -1;
      }
      if (b[i] == '}') {
        return i;
      }
      if (b[i] != ',') {
        return -1;
      }
      i++;
    }
    return -1;
  }

  /** The index of the quote closing the string that opens at {@code open}, or -1. */
  private static int stringEnd(byte[] b, int open) {
    for (int i = open + 1; i < b.length; i++) {
      byte c = b[i];
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return -1;
  }

  /** The index just after the value starting at {@code i}, or -1 when it does not end. */
  private static int valueEnd(byte[] b, int i) {
    int n = b.length;
    if (i >= n) {
      return -1;
    }
    byte c = b[i];
    if (c == '"') {
      int e = stringEnd(b, i);
      return e < 0 ? -1 : e + 1;
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      for (int j = i; j < n; j++) {
        byte d = b[j];
        if (d == '"') {
          j = stringEnd(b, j);
          if (j < 0) {
            return -1;
          }
        } else if (d == '{' || d == '[') {
          depth++;
        } else if (d == '}' || d == ']') {
          if (--depth == 0) {
            return j + 1;
          }
        }
      }
      return -1;
    }
    int j = i;
    while (j < n && b[j] > ' ' && b[j] != ',' && b[j] != '}' && b[j] != ']') {
      j++;
    }
    return j == i ? -1 : j;
  }

  private static boolean isKey(byte[] b, int from, int to, byte[] key) {
    if (to - from != key.length) {
      return false;
    }
    for (int k = 0; k < key.length; k++) {
      if (b[from + k] != key[k]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
