package io.karavel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.karavel.apiserver.spi.loopback.LoopbackApiServer;
import io.karavel.client.internal.fake.FakeLoopbackApiServer;
import io.karavel.client.internal.fake.FakeLoopbackApiServer.Call;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real fabric8 client over the loopback transport, against a fake API server. */
class LoopbackKubernetesClientTest {
  private static final String URL = "https://127.0.0.1:6443/";

  @TempDir Path dir;

  private final FakeLoopbackApiServer server = new FakeLoopbackApiServer();
  private final KubernetesSerialization json = new KubernetesSerialization();
  private final List<KubernetesClient> clients = new ArrayList<>();

  @AfterEach
  void closeClients() {
    clients.forEach(KubernetesClient::close);
  }

  private KubernetesClient client() {
    return client(URL, () -> server, List.of());
  }

  private KubernetesClient client(
      String url, Supplier<LoopbackApiServer> loopback, List<X509Certificate> chain) {
    return client(url, loopback, chain, new KubernetesClientBuilder());
  }

  private KubernetesClient client(
      String url,
      Supplier<LoopbackApiServer> loopback,
      List<X509Certificate> chain,
      KubernetesClientBuilder builder) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(url)
            .withNamespace("x")
            .withOauthToken("secret-token")
            .withOnlyHttpWatches(true)
            .withRequestRetryBackoffLimit(0)
            .build();
    KubernetesClient client =
        builder
            .withConfig(config)
            .withHttpClientFactory(new LoopbackHttpClientFactory(loopback, chain))
            .build();
    clients.add(client);
    return client;
  }

  private static Pod pod(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("x")
        .endMetadata()
        .build();
  }

  private static String status(int code, String reason) {
    return """
        {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",\
        "message":"refused","reason":"%s","code":%d}"""
        .formatted(reason, code);
  }

  private String event(String type, String name) {
    return event(type, pod(name));
  }

  private String event(String type, String name, String note) {
    Pod pod = pod(name);
    pod.getMetadata().setAnnotations(Map.of("note", note));
    return event(type, pod);
  }

  private String event(String type, Pod pod) {
    return "{\"type\":\"" + type + "\",\"object\":" + json.asJson(pod) + "}\n";
  }

  @Test
  void getReturnsTheObjectAnsweredOnTheCallingThread() throws Exception {
    server.answering(call -> call.answer(200, json.asJson(pod("p"))));

    Pod pod = client().pods().inNamespace("x").withName("p").get();

    assertThat(pod.getMetadata().getName()).isEqualTo("p");
    Call call = server.next();
    assertThat(call.request().method()).isEqualTo("GET");
    assertThat(call.request().pathAndQuery()).isEqualTo("/api/v1/namespaces/x/pods/p");
    assertThat(call.request().body()).isEmpty();
    assertThat(call.thread()).isSameAs(Thread.currentThread());
  }

  @Test
  void theQueryIsPassedStillEncoded() throws Exception {
    server.answering(
        call -> call.answer(200, "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"items\":[]}"));

    client().pods().inNamespace("x").withLabel("app", "web").list();

    assertThat(server.next().request().pathAndQuery())
        .isEqualTo("/api/v1/namespaces/x/pods?labelSelector=app%3Dweb");
  }

  @Test
  void postSendsBodyContentTypeHeadersAndTheClientCertificateChain() throws Exception {
    X509Certificate certificate = TestCertificates.generate(dir).certificate();
    server.answering(call -> call.answer(201, call.body()));

    Pod created =
        client(URL, () -> server, List.of(certificate))
            .pods()
            .inNamespace("x")
            .resource(pod("p"))
            .create();

    assertThat(created.getMetadata().getName()).isEqualTo("p");
    Call call = server.next();
    assertThat(call.request().method()).isEqualTo("POST");
    assertThat(call.request().pathAndQuery()).isEqualTo("/api/v1/namespaces/x/pods");
    assertThat(call.header("Content-Type")).startsWith("application/json");
    assertThat(call.header("Authorization")).isEqualTo("Bearer secret-token");
    assertThat(call.header("User-Agent")).startsWith("fabric8-kubernetes-client/");
    assertThat(json.unmarshal(call.body(), Pod.class).getMetadata().getName()).isEqualTo("p");
    assertThat(call.request().clientCertificates()).containsExactly(certificate);
  }

  @Test
  void statusAnswersBecomeKubernetesClientExceptionsWithTheirCode() {
    server.answering(
        call -> {
          if (call.request().method().equals("POST")) {
            call.answer(409, status(409, "AlreadyExists"));
          } else {
            call.answer(404, status(404, "NotFound"));
          }
        });
    KubernetesClient client = client();

    assertThatThrownBy(() -> client.pods().inNamespace("x").resource(pod("p")).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(409);
              assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
            });
    assertThatThrownBy(
            () ->
                client
                    .pods()
                    .inNamespace("x")
                    .withName("p")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{}}"))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
  }

  @Test
  void aWatchReceivesStreamedEventsInOrderAndClosingItCancelsTheAnswer() throws Exception {
    server.answering(Call::startStream);
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch four = new CountDownLatch(4);
    Watch watch =
        client()
            .pods()
            .inNamespace("x")
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, Pod pod) {
                    events.add(
                        action
                            + " "
                            + pod.getMetadata().getName()
                            + Optional.ofNullable(pod.getMetadata().getAnnotations())
                                .map(a -> a.get("note"))
                                .map(note -> " " + note)
                                .orElse(""));
                    four.countDown();
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                });
    Call call = server.next();
    assertThat(call.request().pathAndQuery())
        .startsWith("/api/v1/namespaces/x/pods?")
        .contains("watch=true");

    String deleted = event("DELETED", "a");
    byte[] modified =
        event("MODIFIED", "a", "caf\u00e9 \ud83d\ude80").getBytes(StandardCharsets.UTF_8);
    // Inside the two bytes of the e acute.
    int split = new String(modified, StandardCharsets.UTF_8).indexOf('\u00e9') + 1;
    Thread store =
        new Thread(
            () -> {
              call.send(event("ADDED", "a"));
              // Non-ASCII characters, one of them split across two pieces.
              call.send(Arrays.copyOfRange(modified, 0, split));
              call.send(Arrays.copyOfRange(modified, split, modified.length));
              // An event split across two pieces, and two events in one piece.
              call.send(deleted.substring(0, 10));
              call.send(deleted.substring(10) + event("ADDED", "b"));
            },
            "fake-store");
    store.start();
    store.join();

    assertThat(four.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(events)
        .containsExactly("ADDED a", "MODIFIED a caf\u00e9 \ud83d\ude80", "DELETED a", "ADDED b");
    assertThat(call.cancelled()).isFalse();
    watch.close();
    assertThat(call.awaitCancelled()).isTrue();
  }

  @Test
  void anInformerHandlesLoopbackWatchEventsOnTheThreadDeliveringThem() throws Exception {
    server.answering(
        call -> {
          if (call.request().pathAndQuery().contains("watch=true")) {
            call.startStream();
          } else {
            call.answer(
                200,
                "{\"kind\":\"PodList\",\"apiVersion\":\"v1\","
                    + "\"metadata\":{\"resourceVersion\":\"5\"},\"items\":[]}");
          }
        });
    KubernetesClient client =
        client(
            URL,
            () -> server,
            List.of(),
            new KubernetesClientBuilder()
                .withTaskExecutorSupplier(LoopbackTaskExecutor.supplier()));
    List<String> seen = new CopyOnWriteArrayList<>();
    CountDownLatch three = new CountDownLatch(3);
    SharedIndexInformer<Pod> informer =
        client
            .pods()
            .inNamespace("x")
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {
                    seen.add("add " + pod.getMetadata().getName() + " " + threadKind());
                    three.countDown();
                  }

                  @Override
                  public void onUpdate(Pod old, Pod pod) {
                    seen.add("update " + pod.getMetadata().getName() + " " + threadKind());
                    three.countDown();
                  }

                  @Override
                  public void onDelete(Pod pod, boolean unknownFinalState) {
                    seen.add("delete " + pod.getMetadata().getName() + " " + threadKind());
                    three.countDown();
                  }
                });
    Call list = server.next();
    assertThat(list.request().pathAndQuery()).doesNotContain("watch=true");
    Call watch = server.next();
    assertThat(watch.request().pathAndQuery()).contains("watch=true");

    Thread store =
        new Thread(
            () -> {
              // The informer passes on an update only if the resourceVersion changed.
              watch.send(event("ADDED", versioned("a", "6")));
              watch.send(event("MODIFIED", versioned("a", "7")));
              watch.send(event("DELETED", versioned("a", "8")));
            },
            "fake-store");
    store.start();
    store.join();

    assertThat(three.await(10, TimeUnit.SECONDS)).as("handled: %s", seen).isTrue();
    // In order, each on a thread delivering the watch's frames: no hand-off to a pool thread.
    assertThat(seen).containsExactly("add a delivery", "update a delivery", "delete a delivery");
    informer.close();
  }

  private static Pod versioned(String name, String resourceVersion) {
    Pod pod = pod(name);
    pod.getMetadata().setResourceVersion(resourceVersion);
    return pod;
  }

  private static String threadKind() {
    return LoopbackTransport.onDeliveryThread() ? "delivery" : Thread.currentThread().getName();
  }

  @Test
  void theTaskExecutorRunsOtherTasksOnItsPoolAndShutsItDownWhenTheClientCloses() throws Exception {
    var supplier = LoopbackTaskExecutor.supplier();
    LoopbackTaskExecutor executor = (LoopbackTaskExecutor) supplier.get();
    AtomicReference<Thread> ran = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    executor.execute(
        () -> {
          ran.set(Thread.currentThread());
          done.countDown();
        });
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ran.get()).isNotSameAs(Thread.currentThread());
    assertThat(ran.get().getName()).startsWith("karavel-client-task-");
    assertThat(executor.isShutdown()).isFalse();
    supplier.onClose(executor);
    assertThat(executor.isShutdown()).isTrue();
  }

  @Test
  void withoutALoopbackServerRequestsGoOverHttp() throws Exception {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] answer = json.asJson(pod("over-http")).getBytes(StandardCharsets.UTF_8);
    http.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    http.start();
    try {
      AtomicReference<LoopbackApiServer> loopback = new AtomicReference<>();
      KubernetesClient client =
          client("http://127.0.0.1:" + http.getAddress().getPort() + "/", loopback::get, List.of());

      assertThat(client.pods().inNamespace("x").withName("p").get().getMetadata().getName())
          .isEqualTo("over-http");
      assertThat(server.idle()).isTrue();

      // Asked per request: once a loopback server appears, the same client uses it.
      loopback.set(server.answering(call -> call.answer(200, json.asJson(pod("in-process")))));
      assertThat(client.pods().inNamespace("x").withName("p").get().getMetadata().getName())
          .isEqualTo("in-process");
    } finally {
      http.stop(0);
    }
  }
}
