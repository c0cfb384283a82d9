package io.karavel.apiserver.internal;

import io.karavel.apiserver.spi.ResourceProvider;
import io.karavel.apiserver.spi.admission.MutatingAdmissionPlugin;
import io.karavel.apiserver.spi.admission.ValidatingAdmissionPlugin;
import io.karavel.apiserver.spi.auth.Authenticator;
import io.karavel.apiserver.spi.auth.Authorizer;
import io.karavel.apiserver.spi.loopback.LoopbackApiServer;
import io.karavel.pki.ClusterPki;
import io.karavel.pki.PkiFiles;
import io.karavel.pki.PkiOptions;
import io.karavel.pki.TlsStores;
import io.karavel.protobuf.KubeProtobuf;
import io.karavel.protobuf.ProtobufException;
import io.karavel.schema.SchemaService;
import io.karavel.store.spi.KeyValueStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API server component: the resource registry fed by {@link ResourceProvider} services, the
 * request chain fed by authenticator, authorizer and admission services, and the HTTPS listener.
 * Every collaborator is a dynamic reference, so bundles can come and go while it serves.
 */
@Component(
    name = "io.karavel.apiserver",
    configurationPid = "io.karavel.apiserver",
    configurationPolicy = ConfigurationPolicy.OPTIONAL,
    immediate = true,
    service = {},
    // Jetty finds its ALPN processor with ServiceLoader, which SPI Fly answers only once the
    // processor's bundle has started. On a restart bundles start in id order, not feature order,
    // so the server waits for the processor as a service instead of failing to build.
    reference =
        @Reference(
            name = "alpnProcessor",
            service = org.eclipse.jetty.io.ssl.ALPNProcessor.Server.class))
@Designate(ocd = ApiServerConfig.class)
public final class ApiServer {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final ResourceRegistry registry = new ResourceRegistry();
  private final Map<String, Authenticator> authenticators = new ConcurrentHashMap<>();
  private final Map<String, Authorizer> authorizers = new ConcurrentHashMap<>();
  private final Map<String, MutatingAdmissionPlugin> mutating = new ConcurrentHashMap<>();
  private final Map<String, ValidatingAdmissionPlugin> validating = new ConcurrentHashMap<>();
  private final Metrics metrics = new Metrics();

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile KeyValueStore store;

  @Reference private SchemaService schemas;

  /** Decodes protobuf request bodies; without it they are refused with 415. */
  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile KubeProtobuf protobuf;

  @Reference private io.karavel.patch.PatchService patchService;

  private volatile ApiServerConfig config;
  private volatile boolean stopping;
  private volatile boolean systemNamespacesReady;
  private ScheduledThreadPoolExecutor timers;
  private JettyServer jetty;
  private BundleContext context;
  private Loopback loopback;
  private ServiceRegistration<LoopbackApiServer> loopbackRegistration;
  private ClusterPki pki;
  private final List<java.util.concurrent.ScheduledFuture<?>> background = new ArrayList<>();

  // ---------------------------------------------------------------- whiteboards

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addResourceProvider(ResourceProvider provider) {
    registry.add(provider);
  }

  void removeResourceProvider(ResourceProvider provider) {
    registry.remove(provider);
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addAuthenticator(Authenticator a, Map<String, Object> props) {
    authenticators.put(name(props, Authenticator.NAME), a);
  }

  void removeAuthenticator(Authenticator a, Map<String, Object> props) {
    authenticators.remove(name(props, Authenticator.NAME), a);
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addAuthorizer(Authorizer a, Map<String, Object> props) {
    authorizers.put(name(props, Authorizer.NAME), a);
  }

  void removeAuthorizer(Authorizer a, Map<String, Object> props) {
    authorizers.remove(name(props, Authorizer.NAME), a);
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addMutating(MutatingAdmissionPlugin p, Map<String, Object> props) {
    mutating.put(name(props, MutatingAdmissionPlugin.NAME), p);
  }

  void removeMutating(MutatingAdmissionPlugin p, Map<String, Object> props) {
    mutating.remove(name(props, MutatingAdmissionPlugin.NAME), p);
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addValidating(ValidatingAdmissionPlugin p, Map<String, Object> props) {
    validating.put(name(props, MutatingAdmissionPlugin.NAME), p);
  }

  void removeValidating(ValidatingAdmissionPlugin p, Map<String, Object> props) {
    validating.remove(name(props, MutatingAdmissionPlugin.NAME), p);
  }

  private static String name(Map<String, Object> props, String key) {
    Object v = props.get(key);
    if (v == null) {
      v = props.get("component.name");
    }
    return String.valueOf(v);
  }

  private static <T> List<T> ordered(String[] names, Map<String, T> bound) {
    List<T> out = new ArrayList<>(names.length);
    for (String n : names) {
      T t = bound.get(n);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  private static <T> List<Admission.NamedPlugin<T>> named(String[] names, Map<String, T> bound) {
    List<Admission.NamedPlugin<T>> out = new ArrayList<>(names.length);
    for (String n : names) {
      if (!n.isBlank()) {
        out.add(new Admission.NamedPlugin<>(n, bound.get(n)));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- lifecycle

  @Activate
  void activate(BundleContext context, ApiServerConfig config) throws Exception {
    this.context = context;
    modified(config);
  }

  @Modified
  synchronized void modified(ApiServerConfig config) throws Exception {
    stopListener();
    this.config = config;
    this.stopping = false;
    if (timers == null) {
      timers =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "karavel-apiserver-timers");
                t.setDaemon(true);
                return t;
              });
      timers.setRemoveOnCancelPolicy(true);
    }
    Path data = KaravelPaths.data();
    Path pkiDir =
        config.pkiDir().isBlank() ? data.resolve("pki") : KaravelPaths.expand(config.pkiDir());
    pki =
        ClusterPki.loadOrCreate(
            pkiDir,
            PkiOptions.defaults().withExtraSans(List.of(config.extraSans())),
            PkiFiles.in(pkiDir)
                .withConfigured(
                    expanded(config.caCertFile()),
                    expanded(config.caKeyFile()),
                    expanded(config.serviceAccountKeyFile()),
                    expanded(config.serviceAccountPublicKeyFile())));

    ObjectStore objects = new ObjectStore(() -> store, metrics);
    ServiceAllocator.Ranges serviceRanges =
        ServiceAllocator.Ranges.parse(
            config.serviceClusterIpRange(), config.serviceNodePortRange());
    ServiceAllocator services =
        new ServiceAllocator(
            objects::kv,
            () -> serviceRanges,
            (ns, name) ->
                registry
                    .snapshot()
                    .find("", "v1", "services")
                    .flatMap(def -> objects.get(def, ns, name)));
    objects.onDelete(
        (def, deleted) -> {
          if (ServiceAllocator.isService(def)) {
            services.releaseAll(deleted);
          }
        });
    Admission admission =
        new Admission(
            () -> named(this.config.admission_mutating(), mutating),
            () -> named(this.config.admission_validating(), validating));
    AuthorizerChain authorizer =
        new AuthorizerChain(() -> ordered(this.config.authorizers(), authorizers));
    Decoding.FieldChecker fieldChecker =
        new Decoding.FieldChecker() {
          @Override
          public List<String> unknownFields(
              com.fasterxml.jackson.databind.node.ObjectNode object, Class<?> modelClass) {
            return schemas.unknownFields(object, modelClass);
          }

          @Override
          public List<String> duplicateFields(byte[] json) {
            return schemas.duplicateFields(json);
          }

          @Override
          public List<String> typeErrors(
              com.fasterxml.jackson.databind.node.ObjectNode object, Class<?> modelClass) {
            return schemas.typeErrors(object, modelClass);
          }
        };
    Decoding decoding = new Decoding(this::protobufDecoder, fieldChecker);
    Patching patching = new PatchSupport(patchService, schemas);
    RestHandler rest =
        new RestHandler(
            objects,
            admission,
            patching,
            decoding,
            registry::snapshot,
            () -> authorizer,
            services,
            config.maxRequestBodyBytes());
    WatchHandler watches =
        new WatchHandler(
            objects,
            timers,
            metrics,
            config.minRequestTimeoutSeconds(),
            config.bookmarkIntervalMillis());
    Health health =
        new Health(
            () -> {
              KeyValueStore s = store;
              return s != null && s.currentRevision() > 0;
            },
            () -> registry.snapshot().servesGroupVersion("", "v1") && systemNamespacesReady,
            () -> !stopping);
    OpenApi openApi = new SchemaOpenApi(registry::snapshot, schemas);
    ApiHandler handler =
        new ApiHandler(
            new ApiHandler.Context() {
              @Override
              public ResourceRegistry.Snapshot registry() {
                return registry.snapshot();
              }

              @Override
              public List<Authenticator> authenticators() {
                return ordered(ApiServer.this.config.authenticators(), authenticators);
              }

              @Override
              public Authorizer authorizer() {
                return authorizer;
              }

              @Override
              public RestHandler rest() {
                return rest;
              }

              @Override
              public WatchHandler watches() {
                return watches;
              }

              @Override
              public Health health() {
                return health;
              }

              @Override
              public Metrics metrics() {
                return metrics;
              }

              @Override
              public OpenApi openApi() {
                return openApi;
              }

              @Override
              public String serviceAccountJwks() {
                return pki.serviceAccountJwks();
              }

              @Override
              public String serverAddress() {
                return "127.0.0.1:" + (jetty == null ? config.port() : jetty.port());
              }
            },
            config.maxInFlight(),
            config.maxMutatingInFlight(),
            config.maxRequestBodyBytes(),
            timers,
            java.time.Duration.ofSeconds(config.requestTimeoutSeconds()));
    TlsStores tls = pki.servingTls();
    jetty =
        new JettyServer(
            config.bindAddress(),
            config.port(),
            new JettyServer.Tls(tls.keyStore(), tls.password(), tls.trustStore()),
            handler);
    jetty.start();
    String url = "https://127.0.0.1:" + jetty.port();
    Path kubeconfig =
        config.adminKubeconfig().isBlank()
            ? data.resolve("admin.kubeconfig")
            : KaravelPaths.expand(config.adminKubeconfig());
    pki.writeAdminKubeconfig(kubeconfig, url);
    loopback =
        new Loopback(handler, metrics, jetty.port(), loopbackHosts(config), tls.trustStore());
    loopbackRegistration =
        context.registerService(
            LoopbackApiServer.class,
            loopback,
            FrameworkUtil.asDictionary(Map.of("karavel.apiserver.url", url)));
    LOG.info("Karavel API server listening on {} (admin kubeconfig: {})", url, kubeconfig);
    NamespaceFinalizer finalizer = new NamespaceFinalizer(objects, registry::snapshot);
    background.add(
        timers.scheduleWithFixedDelay(
            () -> {
              if (store != null) {
                finalizer.run();
              }
            },
            1,
            1,
            java.util.concurrent.TimeUnit.SECONDS));
    SystemNamespaces namespaces = new SystemNamespaces(objects, registry::snapshot);
    KubernetesService kubernetesService =
        new KubernetesService(
            objects,
            registry::snapshot,
            services,
            serviceRanges.firstIp(),
            KubernetesService.advertiseAddress(config.advertiseAddress(), config.bindAddress()),
            () -> jetty == null ? config.port() : jetty.port());
    // Once per store: again after a backend switch binds another one (an empty etcd, say).
    java.util.concurrent.atomic.AtomicReference<KeyValueStore> ensuredOn =
        new java.util.concurrent.atomic.AtomicReference<>();
    background.add(
        timers.scheduleWithFixedDelay(
            () -> {
              KeyValueStore s = store;
              try {
                if (s != null
                    && s != ensuredOn.get()
                    && namespaces.ensure()
                    && kubernetesService.ensure()) {
                  ensuredOn.set(s);
                  systemNamespacesReady = true;
                }
              } catch (RuntimeException e) {
                // A store going away mid-switch: try again on the next tick, never stop the task.
                LOG.debug("system namespaces not ensured yet", e);
              }
            },
            0,
            500,
            java.util.concurrent.TimeUnit.MILLISECONDS));
  }

  /**
   * The host names that name this server in a kubeconfig, besides the loopback addresses: the bind
   * address unless it is a wildcard, and the advertised address.
   */
  private static Set<String> loopbackHosts(ApiServerConfig config) {
    Set<String> hosts = new HashSet<>();
    for (String h : List.of(config.bindAddress(), config.advertiseAddress())) {
      if (h != null && !h.isBlank() && !h.equals("0.0.0.0") && !h.equals("::")) {
        hosts.add(h.strip().toLowerCase(java.util.Locale.ROOT));
      }
    }
    return hosts;
  }

  /** The port actually bound (for tests that ask for port 0). */
  public int port() {
    return jetty == null ? -1 : jetty.port();
  }

  /** The protobuf body decoder of the moment, or null when no codec is installed. */
  private java.util.function.Function<byte[], com.fasterxml.jackson.databind.node.ObjectNode>
      protobufDecoder() {
    KubeProtobuf codec = protobuf;
    if (codec == null) {
      return null;
    }
    return body -> {
      try {
        return codec.decode(body);
      } catch (ProtobufException e) {
        throw ApiException.badRequest(
            "the body of the request could not be decoded as "
                + KubeProtobuf.MEDIA_TYPE
                + ": "
                + e.getMessage());
      }
    };
  }

  @Deactivate
  synchronized void deactivate() throws Exception {
    stopping = true;
    stopListener();
    if (timers != null) {
      timers.shutdownNow();
      timers = null;
    }
  }

  private void stopListener() throws Exception {
    background.forEach(f -> f.cancel(false));
    background.clear();
    if (loopbackRegistration != null) {
      try {
        loopbackRegistration.unregister();
      } catch (IllegalStateException alreadyGone) {
        // The bundle is stopping and the framework unregistered it already.
      }
      loopbackRegistration = null;
    }
    if (loopback != null) {
      loopback.close();
      loopback = null;
    }
    if (jetty != null) {
      jetty.stop();
      jetty = null;
    }
  }

  /** A configured path with ${karaf.data} and the like expanded; blank stays blank. */
  private static String expanded(String configured) {
    return configured == null || configured.isBlank()
        ? ""
        : KaravelPaths.expand(configured.strip()).toString();
  }
}
