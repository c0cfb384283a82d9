package io.karavel.apiserver.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A watch response over a real Jetty connector: frames in order, and a departed client. */
class WatchStreamTest {
  private Server server;
  private int port;
  private final AtomicReference<WatchStream> stream = new AtomicReference<>();
  private final CountDownLatch opened = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);

  @BeforeEach
  void start() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            WatchStream s =
                new WatchStream(response, callback, "application/json", closed::countDown);
            request.addFailureListener(s::fail);
            stream.set(s);
            opened.countDown();
            return true;
          }
        });
    server.start();
    port = connector.getLocalPort();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  @Test
  void framesFromSeveralThreadsArriveWholeAndInEachThreadsOrder() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<Stream<String>> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/watch")).build(),
            HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(opened.await(5, TimeUnit.SECONDS)).isTrue();
    int threads = 4;
    int perThread = 3000;
    // Frames from several threads queue behind the write in flight.
    String padding = "x".repeat(300);
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread sender =
          new Thread(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  String frame =
                      "{\"t\":" + thread + ",\"i\":" + i + ",\"p\":\"" + padding + "\"}\n";
                  assertThat(stream.get().send(frame.getBytes(UTF_8))).isTrue();
                }
              });
      senders.add(sender);
      sender.start();
    }
    for (Thread sender : senders) {
      sender.join();
    }
    stream.get().end();

    int[] next = new int[threads];
    int lines = 0;
    Iterator<String> it = response.body().iterator();
    while (it.hasNext()) {
      String line = it.next();
      String[] parts = line.split("[:,]");
      int thread = Integer.parseInt(parts[1]);
      int index = Integer.parseInt(parts[3]);
      assertThat(index).as("frame of thread %d", thread).isEqualTo(next[thread]);
      assertThat(line).endsWith("\"" + padding + "\"}");
      next[thread]++;
      lines++;
    }
    assertThat(lines).isEqualTo(threads * perThread);
    assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aClientThatClosesItsConnectionEndsTheWatch() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write("GET /watch HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
      assertThat(in.readLine()).startsWith("HTTP/1.1 200");
      assertThat(opened.await(5, TimeUnit.SECONDS)).isTrue();
    }
    // An HTTP/1.1 server learns of a closed peer only by writing to it.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (closed.getCount() > 0 && System.nanoTime() < deadline) {
      stream.get().send("{\"type\":\"ADDED\"}\n".getBytes(UTF_8));
      Thread.sleep(50);
    }
    assertThat(closed.getCount()).as("onClose ran").isZero();
    assertThat(stream.get().isEnded()).isTrue();
    assertThat(stream.get().send("{}\n".getBytes(UTF_8))).isFalse();
  }
}
