package io.karavel.store.etcd.internal;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLException;

/** Builds the jetcd client for a {@link EtcdSettings}; no connection is made until first use. */
final class EtcdClients {
  private static final Duration MIN_RETRY_BUDGET = Duration.ofSeconds(1);

  private EtcdClients() {}

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  static Client build(EtcdSettings settings, ExecutorService executor) {
    ClientBuilder builder =
        Client.builder()
            .endpoints(settings.endpoints().toArray(URI[]::new))
            .namespace(ByteSequence.from(settings.keyPrefix(), StandardCharsets.UTF_8))
            .executorService(executor)
            .connectTimeout(settings.dialTimeout())
            // A frozen or cut-off member answers nothing: the ping finds it, its connection
            // closes and round-robin sends the next requests to the members that answer.
            .keepaliveTime(settings.keepaliveTime())
            .keepaliveTimeout(settings.keepaliveTimeout())
            // Lists of large objects exceed gRPC's 4 MiB default; kube-apiserver lifts it too.
            .maxInboundMessageSize(Integer.MAX_VALUE)
            // jetcd retries reads on UNAVAILABLE after 0.5 s; failsafe needs a longer budget.
            .retryMaxDuration(max(settings.requestTimeout(), MIN_RETRY_BUDGET))
            .interceptor(new UnaryDeadline(settings.requestTimeout()));
    if (settings.tls()) {
      try {
        builder.sslContext(
            ssl -> {
              if (settings.caFile() != null) {
                ssl.trustManager(settings.caFile().toFile());
              }
              if (settings.certFile() != null) {
                ssl.keyManager(settings.certFile().toFile(), settings.keyFile().toFile());
              }
            });
      } catch (SSLException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "cannot set up TLS for etcd (caFile "
                + settings.caFile()
                + ", certFile "
                + settings.certFile()
                + ", keyFile "
                + settings.keyFile()
                + "; the key must be PKCS#8 PEM): "
                + e.getMessage(),
            e);
      }
    }
    return builder.build();
  }
}
