package io.karavel.store.spi;

import java.util.Optional;

/**
 * A {@link KeyValueStore} that hands every call to another one, obtained per call from {@link
 * #delegate()}. Store components extend it: their DS lifecycle swaps the engine behind {@code
 * delegate()}, and every operation follows without repeating the forwarding code.
 *
 * @since 1.1
 */
public abstract class ForwardingKeyValueStore implements KeyValueStore {

  /**
   * The store to forward to.
   *
   * @throws StoreUnavailableException if there is none at the moment (e.g. while deactivated)
   */
  protected abstract KeyValueStore delegate();

  @Override
  public long currentRevision() {
    return delegate().currentRevision();
  }

  @Override
  public Optional<KeyValue> get(String key) {
    return delegate().get(key);
  }

  @Override
  public RangeResult range(RangeRequest request) {
    return delegate().range(request);
  }

  @Override
  public KeyValue create(String key, byte[] value) {
    return delegate().create(key, value);
  }

  @Override
  public KeyValue update(String key, byte[] value, long expectedModRevision) {
    return delegate().update(key, value, expectedModRevision);
  }

  @Override
  public DeleteResult delete(String key, long expectedModRevision) {
    return delegate().delete(key, expectedModRevision);
  }

  @Override
  public Watch watch(String prefix, long startRevision, WatchListener listener) {
    return delegate().watch(prefix, startRevision, listener);
  }

  @Override
  public void compact(long revision) {
    delegate().compact(revision);
  }

  @Override
  public long compactRevision() {
    return delegate().compactRevision();
  }

  @Override
  public int maxValueSize() {
    return delegate().maxValueSize();
  }
}
