package io.karavel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.client.KubeClientProvider;
import io.karavel.client.LoopbackEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The API server's loopback listener in the real all-in-one: its {@link LoopbackEndpoint} service,
 * the token accepted there and nowhere else, 401 Status answers for anything else, 127.0.0.1 only,
 * HTTP and WebSocket watches over it, and the {@link KubeClientProvider} building its client for
 * it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LoopbackIT extends KaravelTestSupport {

  @Inject private ConfigurationAdmin configurationAdmin;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private LoopbackEndpoint endpoint() {
    adminApi(); // the server is ready
    return assertServiceAvailable(LoopbackEndpoint.class, null, DEFAULT_TIMEOUT_MILLIS);
  }

  private HttpResponse<String> get(URI base, String path, String authorization) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertUnauthorizedStatus(HttpResponse<String> response) throws IOException {
    assertEquals(response.body(), 401, response.statusCode());
    JsonNode status = AdminApiClient.JSON.readTree(response.body());
    assertEquals(response.body(), "Status", status.path("kind").asText());
    assertEquals(response.body(), 401, status.path("code").asInt());
    assertEquals(response.body(), "Unauthorized", status.path("reason").asText());
  }

  @Test
  public void servesRequestsWithTheTokenOverPlainHttp11() throws Exception {
    LoopbackEndpoint endpoint = endpoint();
    URI url = endpoint.url();
    assertEquals("http", url.getScheme());
    assertEquals("127.0.0.1", url.getHost());
    assertTrue(url.toString(), url.getPort() > 0 && url.getPort() != apiServerPort());
    assertTrue("a 32-byte base64url token", endpoint.token().matches("[A-Za-z0-9_-]{43,}"));

    HttpResponse<String> ns = get(url, "/api/v1/namespaces/default", "Bearer " + endpoint.token());
    assertEquals(ns.body(), 200, ns.statusCode());
    assertEquals(HttpClient.Version.HTTP_1_1, ns.version());
    assertEquals("Namespace", AdminApiClient.JSON.readTree(ns.body()).path("kind").asText());

    HttpResponse<String> metrics = get(url, "/metrics", "Bearer " + endpoint.token());
    assertEquals(200, metrics.statusCode());
    assertContains("karavel_apiserver_loopback_requests_total{", metrics.body());
  }

  @Test
  public void refusesAWrongOrMissingTokenWithA401Status() throws Exception {
    LoopbackEndpoint endpoint = endpoint();
    URI url = endpoint.url();
    String token = endpoint.token();
    String wrong = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
    assertUnauthorizedStatus(get(url, "/api/v1/namespaces/default", "Bearer " + wrong));
    assertUnauthorizedStatus(get(url, "/api/v1/namespaces/default", "Bearer " + token + "x"));
    assertUnauthorizedStatus(get(url, "/api/v1/namespaces/default", null));
    assertUnauthorizedStatus(get(url, "/api/v1/namespaces/default", "Basic " + token));
  }

  @Test
  public void theTokenIsRefusedOnTheHttpsPort() throws Exception {
    LoopbackEndpoint endpoint = endpoint();
    // TLS without a client certificate: only the token could authenticate this request.
    SSLContext trustAll = SSLContext.getInstance("TLS");
    trustAll.init(
        null,
        new TrustManager[] {
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        new SecureRandom());
    HttpClient tls = HttpClient.newBuilder().sslContext(trustAll).build();
    HttpResponse<String> response =
        tls.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "https://127.0.0.1:" + apiServerPort() + "/api/v1/namespaces/default"))
                .header("Authorization", "Bearer " + endpoint.token())
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertUnauthorizedStatus(response);
  }

  @Test
  public void listensOn127001Only() throws Exception {
    int port = endpoint().url().getPort();
    List<InetAddress> others = new ArrayList<>();
    others.add(InetAddress.getByName("127.0.0.2")); // Linux routes all of 127/8 to lo
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (!a.isLoopbackAddress() && a instanceof Inet4Address) {
          others.add(a);
        }
      }
    }
    for (InetAddress address : others) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(address, port), 2000);
        fail("the loopback listener accepted a connection on " + address + ":" + port);
      } catch (ConnectException expected) {
        // refused: nothing listens there
      }
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 2000);
    }
  }

  @Test
  public void httpAndWebSocketWatchesWorkOverIt() throws Exception {
    LoopbackEndpoint endpoint = endpoint();
    URI url = endpoint.url();
    String bearer = "Bearer " + endpoint.token();

    // HTTP/1.1 chunked watch.
    HttpResponse<InputStream> stream =
        http.send(
            HttpRequest.newBuilder(url.resolve("/api/v1/namespaces/default/configmaps?watch=true"))
                .header("Authorization", bearer)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    WatchConnection watch = WatchConnection.start("loopback watch", stream);

    // WebSocket watch, as fabric8 watches.
    LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    StringBuilder partial = new StringBuilder();
    WebSocket socket =
        http.newWebSocketBuilder()
            .header("Authorization", bearer)
            .buildAsync(
                URI.create(
                    "ws://127.0.0.1:"
                        + url.getPort()
                        + "/api/v1/namespaces/default/configmaps?watch=true"),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      frames.add(partial.toString());
                      partial.setLength(0);
                    }
                    ws.request(1);
                    return null;
                  }
                })
            .get(30, TimeUnit.SECONDS);
    try {
      String name = "loopback-" + UUID.randomUUID().toString().substring(0, 8);
      ObjectNode cm = AdminApiClient.JSON.createObjectNode();
      cm.put("apiVersion", "v1").put("kind", "ConfigMap");
      cm.putObject("metadata").put("name", name);
      cm.putObject("data").put("k", "v");
      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(url.resolve("/api/v1/namespaces/default/configmaps"))
                  .header("Authorization", bearer)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(cm.toString(), StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(created.body(), 201, created.statusCode());

      JsonNode event = nextAbout(watch, name);
      assertEquals("ADDED", event.path("type").asText());

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      JsonNode wsEvent = null;
      while (wsEvent == null && System.nanoTime() < deadline) {
        String frame = frames.poll(1, TimeUnit.SECONDS);
        if (frame != null) {
          JsonNode f = AdminApiClient.JSON.readTree(frame);
          if (name.equals(f.path("object").path("metadata").path("name").asText())) {
            wsEvent = f;
          }
        }
      }
      assertNotNull("the WebSocket watch saw " + name, wsEvent);
      assertEquals("ADDED", wsEvent.path("type").asText());
    } finally {
      socket.abort();
      watch.close();
    }
  }

  private static JsonNode nextAbout(WatchConnection watch, String name) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      JsonNode frame = watch.poll(1000);
      if (frame != null
          && name.equals(frame.path("object").path("metadata").path("name").asText())) {
        return frame;
      }
    }
    throw new AssertionError("the HTTP watch saw no event about " + name);
  }

  @Test
  public void theClientProviderUsesTheLoopbackListener() throws Exception {
    LoopbackEndpoint endpoint = endpoint();
    KubeClientProvider provider =
        assertServiceAvailable(KubeClientProvider.class, null, DEFAULT_TIMEOUT_MILLIS);
    var client = provider.awaitClient(Duration.ofSeconds(30));
    String master = client.getMasterUrl().toString();
    assertTrue(master, master.startsWith(endpoint.url().toString()));
    // A real request with the provider's client: the token is sent and accepted.
    String ns = client.raw("/api/v1/namespaces/default");
    assertNotNull("GET /api/v1/namespaces/default through the provider's client", ns);
    assertContains("\"kind\":\"Namespace\"", ns);
    assertTrue(
        provider.kubeconfig().toString(), provider.kubeconfig().endsWith("admin.kubeconfig"));
  }

  @Test
  public void aReconfiguredApiServerKeepsItsPortAndTokenAndClientsKeepWorking() throws Exception {
    LoopbackEndpoint before = endpoint();
    long serviceId =
        (Long)
            bundleContext
                .getServiceReference(LoopbackEndpoint.class)
                .getProperty(org.osgi.framework.Constants.SERVICE_ID);
    KubeClientProvider provider =
        assertServiceAvailable(KubeClientProvider.class, null, DEFAULT_TIMEOUT_MILLIS);
    var client = provider.awaitClient(Duration.ofSeconds(30));
    Configuration apiserver =
        configurationAdmin.listConfigurations("(service.pid=io.karavel.apiserver)")[0];
    Dictionary<String, Object> properties = apiserver.getProperties();
    properties.put("maxInFlight", "401");
    apiserver.update(properties);
    awaitCondition(
        "the loopback listener registered again",
        () -> {
          var ref = bundleContext.getServiceReference(LoopbackEndpoint.class);
          return ref != null
              && !Long.valueOf(serviceId)
                  .equals(ref.getProperty(org.osgi.framework.Constants.SERVICE_ID));
        });
    LoopbackEndpoint after =
        assertServiceAvailable(LoopbackEndpoint.class, null, DEFAULT_TIMEOUT_MILLIS);
    assertEquals(before.url(), after.url());
    assertEquals(before.token(), after.token());
    assertContains("\"kind\":\"Namespace\"", client.raw("/api/v1/namespaces/default"));
    assertTrue(provider.client() == client);
  }
}
