package io.karavel.scheduler.plugins.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.karavel.client.KubeClientProvider;
import io.karavel.scheduler.spi.BindPlugin;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.Plugin;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.Status;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Binds through the API: {@code POST /api/v1/namespaces/NS/pods/NAME/binding} with a {@code
 * Binding} naming the node and the pod's uid, as upstream's DefaultBinder does.
 */
@Component(service = Plugin.class, property = Plugin.NAME + "=" + DefaultBinder.NAME)
public final class DefaultBinder implements BindPlugin {
  public static final String NAME = "DefaultBinder";
  private static final long TIMEOUT_SECONDS = 30;

  private final KubeClientProvider clients;

  @Activate
  public DefaultBinder(@Reference KubeClientProvider clients) {
    this.clients = clients;
  }

  @Override
  public Status bind(CycleState state, PodInfo pod, String nodeName) {
    Pod p = pod.pod();
    KubernetesClient client = clients.client();
    String url =
        base(client)
            + "/api/v1/namespaces/"
            + enc(p.getMetadata().getNamespace())
            + "/pods/"
            + enc(p.getMetadata().getName())
            + "/binding";
    HttpRequest request =
        client
            .getHttpClient()
            .newHttpRequestBuilder()
            .uri(url)
            .post("application/json", bindingJson(p, nodeName))
            .build();
    try {
      HttpResponse<String> response =
          client
              .getHttpClient()
              .sendAsync(request, String.class)
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (response.isSuccessful()) {
        return Status.success();
      }
      return Status.error("binding rejected: " + response.code() + " " + response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Status.error(e);
    } catch (ExecutionException | TimeoutException e) {
      return Status.error(e.getCause() == null ? e : e.getCause());
    }
  }

  /**
   * The Binding, as JSON text written directly (one per pod scheduled: no builder, no reflection).
   */
  static String bindingJson(Pod p, String nodeName) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":"
        + quote(p.getMetadata().getName())
        + ",\"namespace\":"
        + quote(p.getMetadata().getNamespace())
        + ",\"uid\":"
        + quote(p.getMetadata().getUid())
        + "},\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":"
        + quote(nodeName)
        + "}}";
  }

  /** The server URL of a client, worked out once per client (a new kubeconfig makes a new one). */
  private record Base(KubernetesClient client, String url) {}

  private volatile Base base;

  private String base(KubernetesClient client) {
    Base b = base;
    if (b == null || b.client() != client) {
      b = new Base(client, client.getMasterUrl().toString().replaceAll("/$", ""));
      base = b;
    }
    return b.url();
  }

  /** The string as a JSON string literal (Jackson's escaping), or {@code null}. */
  private static String quote(String s) {
    return s == null
        ? "null"
        : '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
