package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.store.spi.CompactedException;
import io.karavel.store.spi.DeleteResult;
import io.karavel.store.spi.FutureRevisionException;
import io.karavel.store.spi.KeyExistsException;
import io.karavel.store.spi.KeyNotFoundException;
import io.karavel.store.spi.KeyValue;
import io.karavel.store.spi.KeyValueStore;
import io.karavel.store.spi.RangeRequest;
import io.karavel.store.spi.RangeResult;
import io.karavel.store.spi.RevisionMismatchException;
import io.karavel.store.spi.StoreUnavailableException;
import io.karavel.store.spi.ValueTooLargeException;
import io.karavel.store.spi.Watch;
import io.karavel.store.spi.WatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Kubernetes objects over a {@link KeyValueStore}: keys {@code
 * /registry/<resource>/[<namespace>/]<name>}, JSON values without {@code resourceVersion} (it is
 * the key's modification revision, set on every read), and store errors turned into API errors.
 */
public final class ObjectStore {

  private final Supplier<KeyValueStore> store;
  private final Metrics metrics;
  private volatile BiConsumer<ResourceDefinition, ObjectNode> deleted;

  public ObjectStore(Supplier<KeyValueStore> store, Metrics metrics) {
    this.store = store;
    this.metrics = metrics;
  }

  /**
   * Tells {@code observer} of every object this store deletes, with its last stored value (the
   * service allocator gives back addresses this way, whichever path deleted the service).
   */
  void onDelete(BiConsumer<ResourceDefinition, ObjectNode> observer) {
    this.deleted = observer;
  }

  /** The store, or 503 while none is bound. */
  public KeyValueStore kv() {
    KeyValueStore s = store.get();
    if (s == null) {
      throw ApiException.unavailable("the storage backend is not available");
    }
    return s;
  }

  public static String prefix(ResourceDefinition def, String namespace) {
    String base = "/registry/" + def.storageResource() + "/";
    return def.namespaced() && !namespace.isEmpty() ? base + namespace + "/" : base;
  }

  public static String key(ResourceDefinition def, String namespace, String name) {
    return def.namespaced()
        ? "/registry/" + def.storageResource() + "/" + namespace + "/" + name
        : "/registry/" + def.storageResource() + "/" + name;
  }

  /** Decodes a stored value and sets its resourceVersion. */
  public static ObjectNode decode(KeyValue kv) {
    ObjectNode o = Json.readStored(kv.value());
    withResourceVersion(o, kv.modRevision());
    return o;
  }

  static ObjectNode withResourceVersion(ObjectNode o, long revision) {
    ObjectNode meta = o.with("metadata");
    meta.put("resourceVersion", Long.toString(revision));
    return o;
  }

  static byte[] encode(ObjectNode o) {
    ObjectNode meta = (ObjectNode) o.get("metadata");
    String rv = meta == null ? null : meta.path("resourceVersion").asText(null);
    if (meta != null) {
      meta.remove("resourceVersion");
    }
    try {
      return Json.bytes(o);
    } finally {
      if (meta != null && rv != null) {
        meta.put("resourceVersion", rv);
      }
    }
  }

  public Optional<ObjectNode> get(ResourceDefinition def, String namespace, String name) {
    return getAt(def, namespace, name, 0);
  }

  public Optional<ObjectNode> getAt(
      ResourceDefinition def, String namespace, String name, long revision) {
    return getStoredAt(def, namespace, name, revision).map(ObjectStore::decode);
  }

  /** The stored version of an object at a revision ({@code 0}: newest), not decoded. */
  public Optional<KeyValue> getStoredAt(
      ResourceDefinition def, String namespace, String name, long revision) {
    long start = System.nanoTime();
    try {
      RangeResult r = kv().range(new RangeRequest(key(def, namespace, name), null, revision, 0));
      return r.kvs().isEmpty() ? Optional.empty() : Optional.of(r.kvs().get(0));
    } catch (RuntimeException e) {
      throw translate(e, def, name);
    } finally {
      metrics.storeLatency("get", def.plural(), System.nanoTime() - start);
    }
  }

  /**
   * A page of a list: decoded objects or stored versions. {@code lastKey} is the key to resume
   * after, when {@code more}; {@code count} how many keys the range held.
   */
  public record Page<T>(List<T> items, long revision, boolean more, String lastKey, long count) {}

  /**
   * Lists objects at a revision ({@code 0}: newest) starting after {@code startAfter} (or from the
   * beginning when null), collecting up to {@code limit} ({@code 0}: all) that pass {@code filter}.
   */
  public Page<ObjectNode> list(
      ResourceDefinition def,
      String namespace,
      long revision,
      long limit,
      String startAfter,
      Predicate<ObjectNode> filter) {
    return list(def, namespace, revision, limit, startAfter, ObjectStore::decode, filter);
  }

  /**
   * Lists as {@link #list(ResourceDefinition, String, long, long, String, Predicate)}, each stored
   * version turned into an item by {@code read} before {@code filter} sees it ({@code
   * Function.identity()} keeps the stored bytes, for responses written from them).
   */
  public <T> Page<T> list(
      ResourceDefinition def,
      String namespace,
      long revision,
      long limit,
      String startAfter,
      Function<KeyValue, T> read,
      Predicate<? super T> filter) {
    String prefix = prefix(def, namespace);
    String end = RangeRequest.prefixEnd(prefix);
    String from = startAfter == null ? prefix : startAfter + "\0";
    List<T> items = new ArrayList<>();
    long rev = revision;
    long start = System.nanoTime();
    try {
      long batch = limit == 0 ? 0 : Math.max(limit, 64);
      while (true) {
        RangeResult r = kv().range(new RangeRequest(from, end, rev, batch));
        rev = r.revision();
        String lastKey = null;
        for (KeyValue kv : r.kvs()) {
          lastKey = kv.key();
          T o = read.apply(kv);
          if (filter.test(o)) {
            items.add(o);
            if (limit > 0 && items.size() == limit) {
              boolean more = r.more() || kv != r.kvs().get(r.kvs().size() - 1);
              return new Page<>(items, rev, more, kv.key(), r.count());
            }
          }
        }
        if (!r.more() || lastKey == null) {
          return new Page<>(items, rev, false, null, r.count());
        }
        from = lastKey + "\0";
      }
    } catch (RuntimeException e) {
      throw translate(e, def, "");
    } finally {
      metrics.storeLatency("list", def.plural(), System.nanoTime() - start);
    }
  }

  /**
   * An object as written: the tree with its resourceVersion, and the bytes stored for it (null when
   * nothing was stored, for a dry run or a no-op update), so that a response need not encode again
   * what the store write just encoded.
   */
  public record Written(ObjectNode object, byte[] stored, long revision) {
    /** An object that was not written; its JSON is encoded from the tree. */
    static Written unstored(ObjectNode o) {
      return new Written(o, null, 0);
    }

    /** The object's JSON, byte for byte what encoding {@link #object()} gives. */
    byte[] json() {
      return stored == null ? Json.bytes(object) : StoredJson.object(stored, revision);
    }
  }

  public ObjectNode create(ResourceDefinition def, String namespace, String name, ObjectNode o) {
    return createWritten(def, namespace, name, o).object();
  }

  /** Creates an object, see {@link Written}. */
  public Written createWritten(
      ResourceDefinition def, String namespace, String name, ObjectNode o) {
    long start = System.nanoTime();
    try {
      byte[] value = encode(o);
      KeyValue kv = kv().create(key(def, namespace, name), value);
      return new Written(withResourceVersion(o, kv.modRevision()), value, kv.modRevision());
    } catch (KeyExistsException e) {
      throw ApiException.alreadyExists(def.group(), def.plural(), name);
    } catch (RuntimeException e) {
      throw translate(e, def, name);
    } finally {
      metrics.storeLatency("create", def.plural(), System.nanoTime() - start);
    }
  }

  /** Replaces an object if it is still at {@code expectedRevision} (409 Conflict otherwise). */
  public ObjectNode update(
      ResourceDefinition def, String namespace, String name, ObjectNode o, long expectedRevision) {
    return updateWritten(def, namespace, name, o, expectedRevision).object();
  }

  /** Updates as {@link #update}, see {@link Written}. */
  public Written updateWritten(
      ResourceDefinition def, String namespace, String name, ObjectNode o, long expectedRevision) {
    long start = System.nanoTime();
    try {
      byte[] value = encode(o);
      KeyValue kv = kv().update(key(def, namespace, name), value, expectedRevision);
      return new Written(withResourceVersion(o, kv.modRevision()), value, kv.modRevision());
    } catch (RevisionMismatchException e) {
      throw ApiException.modified(def.group(), def.plural(), name);
    } catch (RuntimeException e) {
      throw translate(e, def, name);
    } finally {
      metrics.storeLatency("update", def.plural(), System.nanoTime() - start);
    }
  }

  /** Deletes an object if it is still at {@code expectedRevision}; returns the delete revision. */
  public long delete(ResourceDefinition def, String namespace, String name, long expectedRevision) {
    long start = System.nanoTime();
    try {
      DeleteResult r = kv().delete(key(def, namespace, name), expectedRevision);
      var observer = deleted;
      if (observer != null && r.previous() != null) {
        try {
          observer.accept(def, decode(r.previous()));
        } catch (RuntimeException e) {
          // the delete happened; what the observer failed to do is repaired later
        }
      }
      return r.revision();
    } catch (RevisionMismatchException e) {
      throw ApiException.modified(def.group(), def.plural(), name);
    } catch (RuntimeException e) {
      throw translate(e, def, name);
    } finally {
      metrics.storeLatency("delete", def.plural(), System.nanoTime() - start);
    }
  }

  public Watch watch(
      ResourceDefinition def, String namespace, long fromRevision, WatchListener listener) {
    try {
      return kv().watch(prefix(def, namespace), fromRevision, listener);
    } catch (RuntimeException e) {
      throw translate(e, def, "");
    }
  }

  public long currentRevision() {
    return kv().currentRevision();
  }

  static RuntimeException translate(RuntimeException e, ResourceDefinition def, String name) {
    if (e instanceof ApiException) {
      return e;
    }
    if (e instanceof KeyNotFoundException) {
      return ApiException.notFound(def.group(), def.plural(), name);
    }
    if (e instanceof CompactedException c) {
      return ApiException.gone(
          "The resourceVersion for the provided list is too old. (requested "
              + c.requested()
              + ", compacted "
              + c.compactRevision()
              + ")");
    }
    if (e instanceof FutureRevisionException) {
      return ApiException.timeout("Too large resource version: " + e.getMessage());
    }
    if (e instanceof ValueTooLargeException) {
      return new ApiException(413, "RequestEntityTooLarge", e.getMessage());
    }
    if (e instanceof StoreUnavailableException) {
      return ApiException.unavailable("storage is unavailable: " + e.getMessage());
    }
    return e;
  }
}
