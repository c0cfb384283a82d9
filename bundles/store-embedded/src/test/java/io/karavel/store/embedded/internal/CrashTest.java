package io.karavel.store.embedded.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.karavel.store.spi.KeyValue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL and checks that every write it acknowledged is in the store
 * afterwards.
 */
class CrashTest {
  private static final int ACKS_BEFORE_KILL = 5000;

  @TempDir Path dir;

  /** A value that depends on the key, from 50 to about 3000 bytes, so records vary in size. */
  static byte[] valueOf(String key) {
    int size = 50 + Math.floorMod(key.hashCode(), 3000);
    byte[] value = new byte[size];
    byte[] k = key.getBytes(UTF_8);
    for (int i = 0; i < size; i++) {
      value[i] = k[i % k.length];
    }
    return value;
  }

  @Test
  void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
    Path store = dir.resolve("store");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                CrashWriter.class.getName(),
                store.toString(),
                "8")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Map<String, Long> acked = new LinkedHashMap<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ack ")) {
          String[] parts = line.split(" ");
          acked.put(parts[1], Long.parseLong(parts[2]));
          if (acked.size() == ACKS_BEFORE_KILL || System.nanoTime() > deadline) {
            // Killing closes the pipe: acks not read yet are simply not checked.
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
            break;
          }
        }
      }
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.isAlive()).isFalse();
    // Killed by the test, not exited on its own.
    assertThat(child.exitValue()).isEqualTo(137);
    assertThat(acked).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

    try (LogStore reopened = LogStore.open(StoreSettings.defaults(store))) {
      long newest = acked.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      assertThat(reopened.currentRevision()).isGreaterThanOrEqualTo(newest);
      for (Map.Entry<String, Long> ack : acked.entrySet()) {
        KeyValue kv = reopened.get(ack.getKey()).orElse(null);
        assertThat(kv).as("acknowledged key %s", ack.getKey()).isNotNull();
        assertThat(kv.modRevision()).isEqualTo(ack.getValue());
        assertThat(kv.value()).isEqualTo(valueOf(ack.getKey()));
      }
      // Revisions stay dense across the crash: the next write follows the recovered revision.
      long next = reopened.create("/after", new byte[1]).modRevision();
      assertThat(next).isEqualTo(reopened.currentRevision());
    }
  }
}
