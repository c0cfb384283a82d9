package io.karavel.apiserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.karavel.apiserver.spi.loopback.LoopbackResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A watch over the loopback transport: one end, one onClose, whoever ends it and from where. */
class LoopbackWatchTest {

  /** Records the server's calls; refuses pieces after {@code accept} of them. */
  static final class Recorder implements LoopbackResponse {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicReference<Runnable> cancel = new AtomicReference<>();
    volatile int accept = Integer.MAX_VALUE;
    volatile boolean cancelInsideBody;
    volatile boolean inBody;

    @Override
    public void head(int status, Map<String, List<String>> headers) {
      calls.add("head " + status + " " + headers.get("Content-Type"));
    }

    @Override
    public boolean body(ByteBuffer piece) {
      inBody = true;
      try {
        calls.add("body " + StandardCharsets.UTF_8.decode(piece));
        if (cancelInsideBody) {
          cancel.get().run();
        }
        return --accept >= 0;
      } finally {
        inBody = false;
      }
    }

    @Override
    public void end() {
      calls.add(inBody ? "end inside body" : "end");
    }

    @Override
    public void fail(Throwable cause) {
      calls.add((inBody ? "fail inside body " : "fail ") + cause.getClass().getSimpleName());
    }

    @Override
    public void onCancel(Runnable cancel) {
      this.cancel.set(cancel);
    }
  }

  private Loopback owner;
  private final AtomicInteger closes = new AtomicInteger();

  @BeforeEach
  void owner() throws Exception {
    KeyStore empty = KeyStore.getInstance("PKCS12");
    empty.load(null, null);
    owner =
        new Loopback(
            new ApiHandler(null, 1, 1, 1, null, Duration.ofSeconds(1)),
            new Metrics(),
            1,
            Set.of(),
            empty);
  }

  private LoopbackWatch open(Recorder r) {
    LoopbackWatch w = new LoopbackWatch(r, closes::incrementAndGet, owner);
    owner.opened(w);
    w.listenForCancel();
    return w;
  }

  @Test
  void framesGoOutInOrderAndTheEndIsSentOnce() {
    Recorder r = new Recorder();
    LoopbackWatch w = open(r);
    assertThat(w.send("a".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(w.send("b".getBytes(StandardCharsets.UTF_8))).isTrue();
    w.end();
    w.end();
    w.fail(new IllegalStateException());
    assertThat(w.send("c".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(r.calls).containsExactly("head 200 [application/json]", "body a", "body b", "end");
    assertThat(closes).hasValue(1);
    assertThat(owner.openWatches()).isZero();
  }

  @Test
  void aClientThatRefusesAPieceEndsTheWatchAsTooSlow() {
    Recorder r = new Recorder();
    r.accept = 1;
    LoopbackWatch w = open(r);
    assertThat(w.send("a".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(w.send("b".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(w.isEnded()).isTrue();
    assertThat(r.calls).endsWith("body b", "fail IllegalStateException");
    assertThat(closes).hasValue(1);
  }

  @Test
  void aCancelFromInsideBodyEndsTheResponseOnlyOnceBodyHasReturned() {
    Recorder r = new Recorder();
    r.cancelInsideBody = true;
    LoopbackWatch w = open(r);
    assertThat(w.send("a".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(r.calls)
        .containsExactly("head 200 [application/json]", "body a", "fail CancellationException");
    assertThat(closes).hasValue(1);
    assertThat(owner.openWatches()).isZero();
  }

  @Test
  void aCancelFromAnotherThreadEndsTheWatchOnce() throws Exception {
    Recorder r = new Recorder();
    LoopbackWatch w = open(r);
    Thread t = new Thread(r.cancel.get());
    t.start();
    t.join();
    r.cancel.get().run();
    assertThat(w.isEnded()).isTrue();
    assertThat(w.send("a".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(r.calls)
        .containsExactly("head 200 [application/json]", "fail CancellationException");
    assertThat(closes).hasValue(1);
  }

  @Test
  void stoppingTheServerEndsItsOpenWatches() {
    Recorder r = new Recorder();
    LoopbackWatch w = open(r);
    owner.close();
    assertThat(w.isEnded()).isTrue();
    assertThat(r.calls).endsWith("fail IOException");
    assertThat(closes).hasValue(1);
    // A watch opened after the stop ends at once.
    Recorder late = new Recorder();
    LoopbackWatch l = open(late);
    assertThat(l.isEnded()).isTrue();
    assertThat(closes).hasValue(2);
  }
}
