package io.karavel.bench;

import io.karavel.pki.Kubeconfig;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The server URL and TLS identity of a kubeconfig, and HTTP clients that use them. */
record ClusterConnection(String server, SSLContext ssl) {

  static ClusterConnection fromKubeconfig(Path file) throws Exception {
    Kubeconfig k = Kubeconfig.read(file);
    return new ClusterConnection(k.server(), k.sslContext());
  }

  /** A client with its own connection: HTTP/2 over TLS, or HTTP/1.1 over TLS. */
  BenchClient newClient(boolean http1) throws Exception {
    return new BenchClient(ssl, http1, EXECUTOR);
  }

  /** One thread pool for every client's I/O, as one process of many clients would have. */
  private static final QueuedThreadPool EXECUTOR = startedPool();

  private static QueuedThreadPool startedPool() {
    QueuedThreadPool pool = new QueuedThreadPool(64, 4);
    pool.setName("bench-http");
    pool.setDaemon(true);
    try {
      pool.start();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return pool;
  }
}
