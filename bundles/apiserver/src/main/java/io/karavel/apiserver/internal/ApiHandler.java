package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.apiserver.spi.auth.AuthenticationException;
import io.karavel.apiserver.spi.auth.AuthenticationRequest;
import io.karavel.apiserver.spi.auth.AuthorizationAttributes;
import io.karavel.apiserver.spi.auth.AuthorizationDecision;
import io.karavel.apiserver.spi.auth.Authorizer;
import io.karavel.apiserver.spi.auth.UserInfo;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API server's single Jetty handler: authentication, the in-flight limits, authorization, then
 * dispatch to version, health, metrics, discovery, OpenAPI or the resource handlers. Every failure
 * becomes a {@code Status}.
 */
final class ApiHandler extends Handler.Abstract {

  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

  /** Everything the handler needs from the component, resolved per request. */
  interface Context {
    ResourceRegistry.Snapshot registry();

    List<io.karavel.apiserver.spi.auth.Authenticator> authenticators();

    Authorizer authorizer();

    RestHandler rest();

    WatchHandler watches();

    Health health();

    Metrics metrics();

    OpenApi openApi();

    /** The service-account public key as a JSON Web Key Set. */
    String serviceAccountJwks();

    String serverAddress();
  }

  private final Context ctx;
  private final Semaphore readOnly;
  private final Semaphore mutating;
  private final int maxBody;
  private final ScheduledExecutorService timers;
  private final Duration requestTimeout;
  private final WebSocketWatches webSockets = new WebSocketWatches();

  ApiHandler(
      Context ctx,
      int maxInFlight,
      int maxMutatingInFlight,
      int maxBody,
      ScheduledExecutorService timers,
      Duration requestTimeout) {
    this.ctx = ctx;
    this.readOnly = new Semaphore(maxInFlight);
    this.mutating = new Semaphore(maxMutatingInFlight);
    this.maxBody = maxBody;
    this.timers = timers;
    this.requestTimeout = requestTimeout;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    serve(new Exchange(new JettyWire(request, response, callback, webSockets)));
    return true;
  }

  /** Serves one exchange, from HTTPS or the loopback transport, and answers it. */
  void serve(Exchange ex) {
    long start = System.nanoTime();
    Semaphore held = null;
    ScheduledFuture<?> deadline = null;
    try {
      RequestInfo info = RequestInfo.parse(ex.method(), ex.path(), ex.flag("watch"));
      ex.info(info);
      authenticate(ex);
      if (!info.isWatch()) {
        held = isMutating(ex.method()) ? mutating : readOnly;
        if (!held.tryAcquire()) {
          if (held == mutating) {
            ex.discardBody(maxBody);
          }
          held = null;
          ctx.metrics().rejectedInFlight();
          throw ApiException.tooManyRequests("Too many requests, please try again later.", 1);
        }
        ctx.metrics().inFlight(held == mutating, 1);
      } else {
        ex.wire().keepAlive();
      }
      if (!RequestTimeout.longRunning(info)) {
        deadline = scheduleDeadline(ex, RequestTimeout.of(ex.param("timeout"), requestTimeout));
      }
      dispatch(ex);
    } catch (ApiException e) {
      ex.fail(e);
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", ex.method(), ex.path(), e);
      ex.fail(ApiException.internal(e.toString()));
    } finally {
      if (deadline != null) {
        deadline.cancel(false);
      }
      if (held != null) {
        held.release();
        ctx.metrics().inFlight(held == mutating, -1);
      }
      RequestInfo info = ex.info();
      if (info != null) {
        ctx.metrics()
            .request(
                info.resourceRequest() ? info.verb() : ex.method().toLowerCase(),
                info.group(),
                info.resourceRequest() ? info.resource() : "",
                ex.status(),
                System.nanoTime() - start);
      }
    }
  }

  /** Answers 504 if the exchange is still unanswered after {@code timeout}. */
  private ScheduledFuture<?> scheduleDeadline(Exchange ex, Duration timeout) {
    return timers.schedule(
        () -> {
          if (!ex.responded()) {
            ctx.metrics().timedOut();
            ex.fail(
                ApiException.timeout(
                    "Timeout: request did not complete within the allowed duration"));
          }
        },
        timeout.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  private static boolean isMutating(String method) {
    return switch (method) {
      case "POST", "PUT", "PATCH", "DELETE" -> true;
      default -> false;
    };
  }

  private static boolean isPublicPath(String path) {
    return path.equals("/version")
        || path.equals("/version/")
        || path.startsWith("/healthz")
        || path.startsWith("/livez")
        || path.startsWith("/readyz");
  }

  private void authenticate(Exchange ex) {
    Wire wire = ex.wire();
    AuthenticationRequest authRequest =
        new AuthenticationRequest() {
          @Override
          public Optional<String> header(String name) {
            return Optional.ofNullable(wire.header(name));
          }

          @Override
          public List<X509Certificate> clientCertificates() {
            return wire.clientCertificates();
          }

          @Override
          public String remoteAddress() {
            return wire.remoteAddress();
          }
        };
    for (io.karavel.apiserver.spi.auth.Authenticator a : ctx.authenticators()) {
      Optional<UserInfo> user;
      try {
        user = a.authenticate(authRequest);
      } catch (AuthenticationException e) {
        throw new ApiException(401, "Unauthorized", "Unauthorized");
      }
      if (user.isPresent()) {
        UserInfo u = user.get();
        List<String> groups = new ArrayList<>(u.groups());
        if (!groups.contains(UserInfo.SYSTEM_AUTHENTICATED)) {
          groups.add(UserInfo.SYSTEM_AUTHENTICATED);
        }
        ex.user(new UserInfo(u.name(), u.uid(), groups, u.extra()));
        return;
      }
    }
    if (!isPublicPath(ex.path())) {
      throw new ApiException(401, "Unauthorized", "Unauthorized");
    }
    ex.user(
        new UserInfo(UserInfo.ANONYMOUS, "", List.of(UserInfo.SYSTEM_UNAUTHENTICATED), Map.of()));
  }

  private void authorize(Exchange ex, RequestInfo info, ResourceDefinition def) {
    if (isPublicPath(ex.path())) {
      return;
    }
    String ns = info.namespace();
    if (def != null && !def.namespaced()) {
      ns = "";
    }
    AuthorizationAttributes attrs =
        new AuthorizationAttributes(
            ex.user(),
            info.verb(),
            info.resourceRequest(),
            info.group(),
            info.version(),
            info.resource(),
            info.subresource(),
            ns,
            info.name(),
            ex.path());
    AuthorizationDecision d = ctx.authorizer().authorize(attrs);
    if (!d.allowed()) {
      throw ApiException.forbidden(forbiddenMessage(attrs, d.reason()));
    }
  }

  static String forbiddenMessage(AuthorizationAttributes a, String reason) {
    String suffix = reason == null || reason.isEmpty() ? "" : ": " + reason;
    if (!a.resourceRequest()) {
      return "forbidden: User \""
          + a.user().name()
          + "\" cannot "
          + a.verb()
          + " path \""
          + a.path()
          + "\""
          + suffix;
    }
    String resource =
        a.subresource().isEmpty() ? a.resource() : a.resource() + "/" + a.subresource();
    String what = ApiException.qualified(a.resource(), a.apiGroup());
    if (!a.name().isEmpty()) {
      what += " \"" + a.name() + "\"";
    }
    String scope =
        a.namespace().isEmpty()
            ? " at the cluster scope"
            : " in the namespace \"" + a.namespace() + "\"";
    return what
        + " is forbidden: User \""
        + a.user().name()
        + "\" cannot "
        + a.verb()
        + " resource \""
        + resource
        + "\" in API group \""
        + a.apiGroup()
        + "\""
        + scope
        + suffix;
  }

  private void dispatch(Exchange ex) {
    RequestInfo info = ex.info();
    String path = ex.path();
    ResourceRegistry.Snapshot snap = ctx.registry();
    if (info.resourceRequest()) {
      ResourceDefinition def =
          snap.find(info.group(), info.version(), info.resource())
              .orElseThrow(
                  () ->
                      new ApiException(
                          404, "NotFound", "the server could not find the requested resource"));
      RequestInfo scoped = info;
      if (!def.namespaced() && !info.namespace().isEmpty()) {
        boolean namespaceObject = def.group().isEmpty() && def.plural().equals("namespaces");
        if (!namespaceObject) {
          throw new ApiException(
              404, "NotFound", "the server could not find the requested resource");
        }
        scoped =
            new RequestInfo(
                true,
                info.path(),
                info.verb(),
                info.apiPrefix(),
                info.group(),
                info.version(),
                "",
                info.resource(),
                info.subresource(),
                info.name());
        ex.info(scoped);
      }
      authorize(ex, scoped, def);
      if (scoped.isWatch()) {
        ctx.watches().handle(ex, def);
      } else {
        ctx.rest().handle(ex, def);
      }
      return;
    }
    authorize(ex, info, null);
    if (!ex.method().equals("GET") && !ex.method().equals("HEAD")) {
      if (path.startsWith("/api") || path.startsWith("/openapi")) {
        throw ApiException.methodNotAllowed(
            "the server does not allow this method on the requested resource");
      }
    }
    String trimmed =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    switch (trimmed) {
      case "/version" -> ex.respond(200, Version.document());
      case "/metrics" ->
          ex.respond(
              200,
              "text/plain; version=0.0.4; charset=utf-8",
              ctx.metrics().render().getBytes(StandardCharsets.UTF_8));
      case "/api" -> {
        String v = MediaTypes.aggregatedDiscoveryVersion(ex.header("Accept"));
        if (v != null) {
          respondAggregated(ex, Discovery.aggregated(snap, true, v), v);
        } else {
          ex.respond(200, Discovery.apiVersions(ctx.serverAddress()));
        }
      }
      case "/apis" -> {
        String v = MediaTypes.aggregatedDiscoveryVersion(ex.header("Accept"));
        if (v != null) {
          respondAggregated(ex, Discovery.aggregated(snap, false, v), v);
        } else {
          ex.respond(200, Discovery.groupList(snap));
        }
      }
      case "/api/v1" -> groupVersion(ex, snap, "", "v1");
      case "/openapi/v3" -> ex.respond(200, ctx.openApi().root());
      case "/openid/v1/jwks" ->
          ex.respond(
              200,
              "application/jwk-set+json",
              ctx.serviceAccountJwks().getBytes(StandardCharsets.UTF_8));
      default -> dispatchOther(ex, snap, trimmed);
    }
  }

  private void respondAggregated(Exchange ex, ObjectNode doc, String version) {
    ex.respond(
        200,
        "application/json;g=apidiscovery.k8s.io;v=" + version + ";as=APIGroupDiscoveryList",
        Json.bytes(doc));
  }

  private void dispatchOther(Exchange ex, ResourceRegistry.Snapshot snap, String path) {
    if (path.startsWith("/healthz") || path.startsWith("/livez") || path.startsWith("/readyz")) {
      ctx.health().handle(ex, path);
      return;
    }
    if (path.startsWith("/openapi/v3/")) {
      byte[] doc = ctx.openApi().document(path.substring("/openapi/v3/".length()));
      if (doc == null) {
        throw new ApiException(404, "NotFound", "the server could not find the requested resource");
      }
      ex.respond(200, "application/json", doc);
      return;
    }
    String[] parts = path.substring(1).split("/");
    if (parts[0].equals("apis") && parts.length == 2) {
      List<String> versions = new ArrayList<>();
      Map<String, List<ResourceDefinition>> byVersion =
          snap.byGroupAndVersion().getOrDefault(parts[1], Map.of());
      versions.addAll(byVersion.keySet());
      if (versions.isEmpty()) {
        throw new ApiException(404, "NotFound", "the server could not find the requested resource");
      }
      ex.respond(200, Discovery.group(parts[1], versions));
      return;
    }
    if (parts[0].equals("apis") && parts.length == 3) {
      groupVersion(ex, snap, parts[1], parts[2]);
      return;
    }
    throw new ApiException(404, "NotFound", "the server could not find the requested resource");
  }

  private void groupVersion(
      Exchange ex, ResourceRegistry.Snapshot snap, String group, String version) {
    List<ResourceDefinition> defs =
        snap.byGroupAndVersion().getOrDefault(group, Map.of()).get(version);
    if (defs == null) {
      throw new ApiException(404, "NotFound", "the server could not find the requested resource");
    }
    ex.respond(
        200, Discovery.resourceList(defs, group.isEmpty() ? version : group + "/" + version));
  }
}
