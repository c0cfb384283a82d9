package io.karavel.client.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP forwarder that a test can cut: {@link #cut()} drops every open connection and
 * refuses new ones until {@link #resume()}. Used to break an informer's watch the way a network
 * failure or a restarting API server would.
 */
final class TcpCutter implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean refusing;

  TcpCutter(InetAddress bind, InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, bind);
    Thread acceptor = new Thread(this::accept, "tcp-cutter");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  void cut() {
    refusing = true;
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    open.clear();
  }

  void resume() {
    refusing = false;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (refusing) {
          closeQuietly(client);
          continue;
        }
        Socket upstream = new Socket(target.getAddress(), target.getPort());
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        // Closed, or the upstream refused: the client sees its connection fail.
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // Either side went away.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "tcp-cutter-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing left to do.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    cut();
  }
}
