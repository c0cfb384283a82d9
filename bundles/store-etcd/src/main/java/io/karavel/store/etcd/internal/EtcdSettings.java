package io.karavel.store.etcd.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How an etcd store connects and maintains the cluster's history.
 *
 * @param endpoints the etcd client URLs, all {@code http} or all {@code https}
 * @param caFile PEM bundle that signs the servers' certificates; {@code null} trusts the JDK's
 *     default authorities (only used with TLS)
 * @param certFile PEM client certificate for mutual TLS; {@code null} for none
 * @param keyFile PKCS#8 PEM private key of {@code certFile}
 * @param dialTimeout how long to wait for a TCP connection to one endpoint
 * @param requestTimeout how long one request may take before it fails as unavailable
 * @param keepaliveTime how long a connection to a member may stay silent before it is pinged (gRPC
 *     raises anything below 10 s to 10 s)
 * @param keepaliveTimeout how long a ping may go unanswered before the connection is closed, its
 *     requests fail and the others go to the remaining members
 * @param compactionInterval how often the history is compacted; zero disables the timer
 * @param keyPrefix prepended to every key in etcd and stripped from every key read back
 * @param maxValueBytes the largest value accepted
 */
record EtcdSettings(
    List<URI> endpoints,
    Path caFile,
    Path certFile,
    Path keyFile,
    Duration dialTimeout,
    Duration requestTimeout,
    Duration keepaliveTime,
    Duration keepaliveTimeout,
    Duration compactionInterval,
    String keyPrefix,
    int maxValueBytes) {

  static final String DEFAULT_ENDPOINTS = "http://127.0.0.1:2379";

  /** kube-apiserver's keepalive towards etcd: a ping after 30 s of silence, 10 s to answer it. */
  static final Duration DEFAULT_KEEPALIVE_TIME = Duration.ofSeconds(30);

  static final Duration DEFAULT_KEEPALIVE_TIMEOUT = Duration.ofSeconds(10);

  /**
   * etcd's default {@code --max-request-bytes} (1.5 MiB) less 4 KiB for the key and the transaction
   * that carries the value.
   */
  static final int DEFAULT_MAX_VALUE_BYTES = 1_572_864 - 4_096;

  EtcdSettings {
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one etcd endpoint is needed");
    }
    long secure = endpoints.stream().filter(u -> "https".equals(u.getScheme())).count();
    for (URI u : endpoints) {
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
        throw new IllegalArgumentException("not an http(s)://host:port etcd endpoint: " + u);
      }
    }
    if (secure != 0 && secure != endpoints.size()) {
      throw new IllegalArgumentException("mixed http and https etcd endpoints: " + endpoints);
    }
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException("certFile and keyFile go together");
    }
    if (dialTimeout.isNegative()
        || dialTimeout.isZero()
        || requestTimeout.isNegative()
        || requestTimeout.isZero()
        || keepaliveTime.isNegative()
        || keepaliveTime.isZero()
        || keepaliveTimeout.isNegative()
        || keepaliveTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (compactionInterval.isNegative()) {
      throw new IllegalArgumentException("compactionInterval must not be negative");
    }
    if (maxValueBytes <= 0) {
      throw new IllegalArgumentException("maxValueBytes must be positive");
    }
  }

  /** Plain connections to {@code endpoints} with every other setting at its default. */
  static EtcdSettings plain(String endpoints, String keyPrefix) {
    return new EtcdSettings(
        parseEndpoints(endpoints),
        null,
        null,
        null,
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        DEFAULT_KEEPALIVE_TIME,
        DEFAULT_KEEPALIVE_TIMEOUT,
        Duration.ZERO,
        keyPrefix,
        DEFAULT_MAX_VALUE_BYTES);
  }

  /** Whether the connections use TLS: an https endpoint or any certificate file says so. */
  boolean tls() {
    return "https".equals(endpoints.get(0).getScheme()) || caFile != null || certFile != null;
  }

  /** Parses a comma-separated list of URLs, as etcdctl's {@code --endpoints}. */
  static List<URI> parseEndpoints(String value) {
    List<URI> result = new ArrayList<>();
    for (String part : (value == null ? "" : value).split(",")) {
      String trimmed = part.trim();
      if (!trimmed.isEmpty()) {
        result.add(URI.create(trimmed));
      }
    }
    return result;
  }

  /** A path from a configuration value; blank means none. */
  static Path optionalPath(String value) {
    return value == null || value.isBlank() ? null : Path.of(value.trim());
  }

  EtcdSettings withCompactionInterval(Duration value) {
    return new EtcdSettings(
        endpoints,
        caFile,
        certFile,
        keyFile,
        dialTimeout,
        requestTimeout,
        keepaliveTime,
        keepaliveTimeout,
        value,
        keyPrefix,
        maxValueBytes);
  }

  EtcdSettings withMaxValueBytes(int value) {
    return new EtcdSettings(
        endpoints,
        caFile,
        certFile,
        keyFile,
        dialTimeout,
        requestTimeout,
        keepaliveTime,
        keepaliveTimeout,
        compactionInterval,
        keyPrefix,
        value);
  }

  EtcdSettings withTls(Path ca, Path cert, Path key) {
    return new EtcdSettings(
        endpoints,
        ca,
        cert,
        key,
        dialTimeout,
        requestTimeout,
        keepaliveTime,
        keepaliveTimeout,
        compactionInterval,
        keyPrefix,
        maxValueBytes);
  }

  EtcdSettings withRequestTimeout(Duration value) {
    return new EtcdSettings(
        endpoints,
        caFile,
        certFile,
        keyFile,
        dialTimeout,
        value,
        keepaliveTime,
        keepaliveTimeout,
        compactionInterval,
        keyPrefix,
        maxValueBytes);
  }
}
