package io.karavel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.karavel.client.LoopbackEndpoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A client built for a loopback endpoint against a plain HTTP/1.1 server: the bearer token on every
 * request, and no HTTP/2 cleartext upgrade attempt.
 */
class LoopbackClientsTest {

  private record Endpoint(URI url, String token) implements LoopbackEndpoint {}

  @Test
  void sendsTheTokenOverPlainHttp11WithoutUpgrade() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          seen.add(
              exchange.getProtocol()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + " auth="
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + " upgrade="
                  + exchange.getRequestHeaders().getFirst("Upgrade"));
          byte[] body =
              "{\"apiVersion\":\"v1\",\"kind\":\"NamespaceList\",\"metadata\":{},\"items\":[]}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try (KubernetesClient client =
        LoopbackClients.create(
            new Endpoint(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "tok-en_1"))) {
      assertThat(client.getMasterUrl().toString()).startsWith("http://127.0.0.1:");
      assertThat(client.namespaces().list().getItems()).isEmpty();
      assertThat(client.namespaces().list().getItems()).isEmpty();
    } finally {
      server.stop(0);
    }
    assertThat(seen)
        .hasSize(2)
        .allSatisfy(
            s ->
                assertThat(s)
                    .isEqualTo("HTTP/1.1 /api/v1/namespaces auth=Bearer tok-en_1 upgrade=null"));
  }
}
