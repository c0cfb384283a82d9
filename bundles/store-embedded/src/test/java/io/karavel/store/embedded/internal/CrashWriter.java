package io.karavel.store.embedded.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link CrashTest}: writes new keys from several threads as fast as it can
 * and prints {@code ack <key> <revision>} after each write returns, until it is killed.
 */
public final class CrashWriter {
  private CrashWriter() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    LogStore store = LogStore.open(StoreSettings.defaults(dir).withSnapshotEveryBytes(256 * 1024));
    System.out.println("ready");
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread w =
          new Thread(
              () -> {
                for (long i = 0; ; i++) {
                  String key = "/crash/" + thread + "/" + i;
                  long rev = store.create(key, CrashTest.valueOf(key)).modRevision();
                  System.out.println("ack " + key + " " + rev);
                }
              });
      w.start();
      writers.add(w);
    }
    for (Thread w : writers) {
      w.join();
    }
  }
}
