package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.apiserver.spi.ScaleSpec;
import io.karavel.apiserver.spi.admission.AdmissionRequest;
import io.karavel.apiserver.spi.admission.Operation;
import io.karavel.apiserver.spi.auth.Authorizer;
import io.karavel.store.spi.KeyValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The REST verbs of stored resources: get, list, create, update, patch, delete, deletecollection,
 * and the subresources status, scale, binding, eviction and log. Watches are served by {@link
 * WatchHandler}.
 */
final class RestHandler {

  /** How many times a patch is retried when the object changes underneath it. */
  private static final int PATCH_RETRIES = 5;

  private final ObjectStore store;
  private final Admission admission;
  private final Patching patching;
  private final Decoding decoding;
  private final Supplier<ResourceRegistry.Snapshot> registry;
  private final Supplier<Authorizer> authorizer;
  private final int maxBody;
  private final ServiceAllocator services;

  RestHandler(
      ObjectStore store,
      Admission admission,
      Patching patching,
      Decoding decoding,
      Supplier<ResourceRegistry.Snapshot> registry,
      Supplier<Authorizer> authorizer,
      ServiceAllocator services,
      int maxBody) {
    this.store = store;
    this.admission = admission;
    this.patching = patching;
    this.decoding = decoding;
    this.registry = registry;
    this.authorizer = authorizer;
    this.maxBody = maxBody;
    this.services = services;
  }

  void handle(Exchange ex, ResourceDefinition def) {
    RequestInfo info = ex.info();
    String sub = info.subresource();
    if (!sub.isEmpty() && !def.subresources().contains(sub)) {
      throw new ApiException(404, "NotFound", "the server could not find the requested resource");
    }
    String verb = info.verb();
    if (sub.isEmpty() && !def.verbs().contains(verb)) {
      throw ApiException.methodNotAllowed(
          "the server does not allow this method on the requested resource");
    }
    if (!def.stored()) {
      virtualCreate(ex, def);
      return;
    }
    switch (sub) {
      case "" -> main(ex, def, verb);
      case "status", "finalize", "ephemeralcontainers", "resize" -> status(ex, def, verb, sub);
      case "scale" -> scale(ex, def, verb);
      case "binding" -> bind(ex, def);
      case "eviction" -> evict(ex, def);
      case "log", "exec", "attach", "portforward", "proxy" ->
          throw ApiException.unavailable(
              "pods/"
                  + sub
                  + " is not available: no kubelet serves pod \""
                  + info.name()
                  + "\" (Karavel's kubelet is not installed)");
      default -> throw new ApiException(405, "MethodNotAllowed", "unsupported subresource " + sub);
    }
  }

  private void main(Exchange ex, ResourceDefinition def, String verb) {
    switch (verb) {
      case "get" -> get(ex, def);
      case "list" -> list(ex, def);
      case "create" -> create(ex, def);
      case "update" -> update(ex, def);
      case "patch" -> patchWith(ex, def, "", o -> o, (stored, patched) -> patched);
      case "delete" -> delete(ex, def);
      case "deletecollection" -> deleteCollection(ex, def);
      default -> throw ApiException.methodNotAllowed("unsupported verb " + verb);
    }
  }

  // ---------------------------------------------------------------- reads

  private ObjectNode load(ResourceDefinition def, String ns, String name) {
    return store
        .get(def, ns, name)
        .orElseThrow(() -> ApiException.notFound(def.group(), def.plural(), name));
  }

  private void get(Exchange ex, ResourceDefinition def) {
    RequestInfo info = ex.info();
    waitForRevision(ex.param("resourceVersion"));
    String accept = ex.header("Accept");
    if (MediaTypes.rendering(accept, false) == MediaTypes.Rendering.OBJECT
        && !MediaTypes.prefersYaml(accept)) {
      KeyValue kv =
          store
              .getStoredAt(def, info.namespace(), info.name(), 0)
              .orElseThrow(() -> ApiException.notFound(def.group(), def.plural(), info.name()));
      ex.respond(200, MediaTypes.JSON, StoredJson.object(kv));
      return;
    }
    render(ex, def, load(def, info.namespace(), info.name()));
  }

  /** For {@code resourceVersion=N} (not older than N): fail if the store has not reached N. */
  private void waitForRevision(String rv) {
    if (rv == null || rv.isEmpty() || rv.equals("0")) {
      return;
    }
    long wanted = parseRv(rv);
    long deadline = System.nanoTime() + 3_000_000_000L;
    while (store.currentRevision() < wanted) {
      if (System.nanoTime() > deadline) {
        throw new ApiException(
            504,
            "Timeout",
            "Too large resource version: " + wanted + ", current: " + store.currentRevision(),
            new ApiException.StatusDetails(
                null,
                null,
                null,
                null,
                List.of(
                    new ApiException.Cause(
                        "ResourceVersionTooLarge", "Too large resource version", null)),
                1));
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApiException.timeout("interrupted");
      }
    }
  }

  static long parseRv(String rv) {
    try {
      long v = Long.parseLong(rv);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid resource version: \"" + rv + "\"");
    }
  }

  private void render(Exchange ex, ResourceDefinition def, ObjectNode o) {
    switch (MediaTypes.rendering(ex.header("Accept"), false)) {
      case TABLE ->
          ex.respond(
              200,
              Tables.table(
                  def,
                  List.of(o),
                  MediaTypes.tableVersion(ex.header("Accept")),
                  Tables.IncludeObject.parse(ex.param("includeObject")),
                  false,
                  null));
      case PARTIAL_METADATA -> ex.respond(200, Tables.partial(o, def));
      default -> ex.respond(200, o);
    }
  }

  /** A parsed {@code continue} token: the revision of the first page and the last key served. */
  record ContinueToken(long revision, String startAfter) {
    static ContinueToken parse(String token) {
      try {
        JsonNode n = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
        return new ContinueToken(n.path("rv").asLong(), n.path("start").asText());
      } catch (Exception e) {
        throw ApiException.badRequest("continue key is not valid: " + e.getMessage());
      }
    }

    String encode() {
      ObjectNode n = Json.MAPPER.createObjectNode();
      n.put("v", "meta.k8s.io/v1");
      n.put("rv", revision);
      n.put("start", startAfter);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(n));
    }
  }

  private void list(Exchange ex, ResourceDefinition def) {
    RequestInfo info = ex.info();
    LabelSelector labels = LabelSelector.parse(ex.param("labelSelector"));
    FieldSelector fields =
        FieldSelector.parse(ex.param("fieldSelector"), def.group(), def.plural());
    long limit = ex.longParam("limit", 0);
    if (limit < 0) {
      throw ApiException.badRequest("limit must be >= 0");
    }
    String rv = ex.param("resourceVersion");
    String match = ex.param("resourceVersionMatch", "");
    String cont = ex.param("continue", "");
    long revision = 0;
    String startAfter = null;
    if (!cont.isEmpty()) {
      if (rv != null && !rv.isEmpty()) {
        throw ApiException.badRequest(
            "specifying resource version is not allowed when using continue");
      }
      ContinueToken t = ContinueToken.parse(cont);
      revision = t.revision();
      startAfter = t.startAfter();
    } else if (match.equals("Exact")) {
      if (rv == null || rv.isEmpty() || rv.equals("0")) {
        throw ApiException.badRequest(
            "resourceVersionMatch \"Exact\" requires a non-zero resourceVersion");
      }
      revision = parseRv(rv);
    } else if (!match.isEmpty() && !match.equals("NotOlderThan")) {
      throw ApiException.badRequest(
          "resourceVersionMatch: Unsupported value: \""
              + match
              + "\": supported values:"
              + " \"Exact\", \"NotOlderThan\"");
    } else {
      waitForRevision(rv);
    }
    String ns = def.namespaced() ? info.namespace() : "";
    String accept = ex.header("Accept");
    MediaTypes.Rendering rendering = MediaTypes.rendering(accept, true);
    if (rendering == MediaTypes.Rendering.OBJECT && !MediaTypes.prefersYaml(accept)) {
      // Plain JSON is written from the stored bytes; objects are decoded only for selectors.
      Predicate<KeyValue> filter =
          labels.isEmpty() && fields.isEmpty()
              ? kv -> true
              : kv -> {
                ObjectNode o = ObjectStore.decode(kv);
                return labels.matches(o) && fields.matches(o);
              };
      ObjectStore.Page<KeyValue> page =
          page(def, ns, fields, revision, limit, startAfter, Function.identity(), filter);
      ObjectNode list = listHead(def, listMeta(page, labels, fields, startAfter));
      list.putArray("items");
      ex.respond(200, MediaTypes.JSON, StoredJson.list(Json.bytes(list), page.items()));
      return;
    }
    ObjectStore.Page<ObjectNode> page =
        page(
            def,
            ns,
            fields,
            revision,
            limit,
            startAfter,
            ObjectStore::decode,
            o -> labels.matches(o) && fields.matches(o));
    ObjectNode listMeta = listMeta(page, labels, fields, startAfter);
    switch (rendering) {
      case TABLE ->
          ex.respond(
              200,
              Tables.table(
                  def,
                  page.items(),
                  MediaTypes.tableVersion(accept),
                  Tables.IncludeObject.parse(ex.param("includeObject")),
                  false,
                  listMeta));
      case PARTIAL_METADATA_LIST ->
          ex.respond(200, Tables.partialList(page.items(), def, listMeta));
      default -> {
        ObjectNode list = listHead(def, listMeta);
        ArrayNode items = list.putArray("items");
        page.items().forEach(items::add);
        ex.respond(200, list);
      }
    }
  }

  /**
   * The page to list: a single key's read when the field selector names one object (kubectl
   * wait/delete), else a range.
   */
  private <T> ObjectStore.Page<T> page(
      ResourceDefinition def,
      String ns,
      FieldSelector fields,
      long revision,
      long limit,
      String startAfter,
      Function<KeyValue, T> read,
      Predicate<? super T> filter) {
    String nameFilter = fields.requiredValue("metadata.name");
    if (nameFilter != null
        && fields.requiredValue("metadata.namespace") == null
        && (!def.namespaced() || !ns.isEmpty())
        && startAfter == null) {
      List<T> items = new ArrayList<>();
      store
          .getStoredAt(def, ns, nameFilter, revision)
          .map(read)
          .filter(filter)
          .ifPresent(items::add);
      return new ObjectStore.Page<>(
          items, revision == 0 ? store.currentRevision() : revision, false, null, items.size());
    }
    return store.list(def, ns, revision, limit, startAfter, read, filter);
  }

  private static ObjectNode listMeta(
      ObjectStore.Page<?> page, LabelSelector labels, FieldSelector fields, String startAfter) {
    ObjectNode listMeta = Json.MAPPER.createObjectNode();
    listMeta.put("resourceVersion", Long.toString(page.revision()));
    if (page.more()) {
      listMeta.put("continue", new ContinueToken(page.revision(), page.lastKey()).encode());
      if (labels.isEmpty() && fields.isEmpty()) {
        long remaining = page.count() - page.items().size();
        if (startAfter == null && remaining > 0) {
          listMeta.put("remainingItemCount", remaining);
        }
      }
    }
    return listMeta;
  }

  /** A list object without its items: kind, apiVersion and the given metadata. */
  private static ObjectNode listHead(ResourceDefinition def, ObjectNode listMeta) {
    ObjectNode list = Json.MAPPER.createObjectNode();
    list.put("kind", def.listKind());
    list.put("apiVersion", def.apiVersion());
    list.set("metadata", listMeta);
    return list;
  }

  // ---------------------------------------------------------------- writes

  private ObjectNode readBody(Exchange ex, ResourceDefinition def) {
    byte[] body = ex.body(maxBody);
    ObjectNode o = decoding.decode(ex.header("Content-Type"), body);
    checkTypeMeta(o, def);
    decoding.checkFields(ex, o, def, body);
    return o;
  }

  private static void checkTypeMeta(ObjectNode o, ResourceDefinition def) {
    String apiVersion = Meta.text(o, "apiVersion");
    String kind = Meta.text(o, "kind");
    if (apiVersion.isEmpty()) {
      o.put("apiVersion", def.apiVersion());
    } else if (!apiVersion.equals(def.apiVersion())) {
      throw ApiException.badRequest(
          "the API version in the data ("
              + apiVersion
              + ") does not match the expected API version ("
              + def.apiVersion()
              + ")");
    }
    if (kind.isEmpty()) {
      o.put("kind", def.kind());
    } else if (!kind.equals(def.kind())) {
      throw ApiException.badRequest(
          def.kind()
              + " in version \""
              + def.version()
              + "\" cannot be handled as a "
              + def.kind()
              + ": the kind in the data ("
              + kind
              + ") does not match the expected kind ("
              + def.kind()
              + ")");
    }
  }

  private AdmissionRequest admissionRequest(
      Exchange ex,
      ResourceDefinition def,
      Operation op,
      String sub,
      String ns,
      String name,
      ObjectNode object,
      ObjectNode old,
      boolean dryRun) {
    return new AdmissionRequest(
        op,
        def.group(),
        def.version(),
        def.kind(),
        def.plural(),
        sub,
        ns,
        name,
        object,
        old,
        ex.user(),
        dryRun);
  }

  private void create(Exchange ex, ResourceDefinition def) {
    boolean dryRun = ex.dryRun();
    ObjectNode o = readBody(ex, def);
    ex.respond(201, createObject(ex, def, o, dryRun));
  }

  /** The create path shared by POST, and by server-side apply of a new object. */
  ObjectStore.Written createObject(
      Exchange ex, ResourceDefinition def, ObjectNode o, boolean dryRun) {
    RequestInfo info = ex.info();
    ObjectNode meta = Meta.meta(o);
    String ns = "";
    if (def.namespaced()) {
      String bodyNs = Meta.text(meta, "namespace");
      if (bodyNs.isEmpty()) {
        meta.put("namespace", info.namespace());
      } else if (!bodyNs.equals(info.namespace())) {
        throw ApiException.badRequest(
            "the namespace of the provided object does not match the namespace sent on the"
                + " request");
      }
      ns = info.namespace();
      checkNamespaceWritable(ns);
    } else {
      meta.remove("namespace");
    }
    String name = Meta.text(meta, "name");
    if (name.isEmpty() && !Meta.text(meta, "generateName").isEmpty()) {
      name = Meta.text(meta, "generateName") + Meta.randomSuffix();
      meta.put("name", name);
    }
    meta.remove("resourceVersion");
    meta.remove("deletionTimestamp");
    meta.remove("deletionGracePeriodSeconds");
    meta.remove("selfLink");
    meta.put("uid", Meta.newUid());
    meta.put("creationTimestamp", Meta.now());
    if (o.has("spec")) {
      meta.put("generation", 1);
    } else {
      meta.remove("generation");
    }
    if (def.subresources().contains("status") && !def.strategy().keepsStatusOnCreate()) {
      o.remove("status");
    }
    def.strategy().prepareForCreate(o);
    def.strategy().applyDefaults(o);
    admission.mutate(admissionRequest(ex, def, Operation.CREATE, "", ns, name, o, null, dryRun));
    validate(def, o, null);
    admission.validate(admissionRequest(ex, def, Operation.CREATE, "", ns, name, o, null, dryRun));
    ServiceAllocator.Allocation allocation = services.allocateFor(def, "", o, null, dryRun);
    patching.recordManager(ex, def, null, o);
    if (dryRun) {
      return ObjectStore.Written.unstored(o);
    }
    try {
      ObjectStore.Written created = store.createWritten(def, ns, name, o);
      allocation.commit();
      return created;
    } catch (RuntimeException e) {
      allocation.rollback();
      throw e;
    }
  }

  private void validate(ResourceDefinition def, ObjectNode o, ObjectNode old) {
    List<FieldError> errors =
        new ArrayList<>(Meta.validate(o, def.strategy().nameRule(), def.namespaced()));
    errors.addAll(def.strategy().validate(o));
    if (old != null && errors.isEmpty()) {
      errors.addAll(def.strategy().validateUpdate(o, old));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(def.group(), def.kind(), Meta.name(o), errors);
    }
  }

  /**
   * Whether a namespace at a modification revision is terminating, so each create need not decode
   * it (a key at a modification revision always holds the same value).
   */
  private record NamespaceState(long modRevision, boolean terminating) {}

  private final ConcurrentHashMap<String, NamespaceState> namespaceStates =
      new ConcurrentHashMap<>();

  private boolean terminating(KeyValue kv) {
    NamespaceState known = namespaceStates.get(kv.key());
    if (known != null && known.modRevision() == kv.modRevision()) {
      return known.terminating();
    }
    ObjectNode n = ObjectStore.decode(kv);
    boolean terminating =
        Meta.meta(n).has("deletionTimestamp")
            || "Terminating".equals(n.path("status").path("phase").asText());
    if (namespaceStates.size() > 10_000) {
      namespaceStates.clear();
    }
    namespaceStates.put(kv.key(), new NamespaceState(kv.modRevision(), terminating));
    return terminating;
  }

  private void checkNamespaceWritable(String ns) {
    ResourceDefinition nsDef = registry.get().find("", "v1", "namespaces").orElse(null);
    if (nsDef == null) {
      return;
    }
    KeyValue kv =
        store
            .getStoredAt(nsDef, "", ns, 0)
            .orElseThrow(() -> ApiException.notFound("", "namespaces", ns));
    if (terminating(kv)) {
      throw new ApiException(
          403,
          "Forbidden",
          "unable to create new content in namespace " + ns + " because it is being terminated",
          new ApiException.StatusDetails(
              ns,
              "",
              "namespaces",
              null,
              List.of(
                  new ApiException.Cause(
                      "NamespaceTerminating",
                      "namespace " + ns + " is being terminated",
                      "metadata.namespace")),
              null));
    }
  }

  private void update(Exchange ex, ResourceDefinition def) {
    boolean dryRun = ex.dryRun();
    RequestInfo info = ex.info();
    ObjectNode o = readBody(ex, def);
    checkNameMatches(o, info.name());
    String ns = def.namespaced() ? info.namespace() : "";
    ObjectNode current = load(def, ns, info.name());
    String bodyRv = Meta.text(Meta.meta(o), "resourceVersion");
    if (!bodyRv.isEmpty() && !bodyRv.equals(Meta.text(Meta.meta(current), "resourceVersion"))) {
      throw ApiException.modified(def.group(), def.plural(), info.name());
    }
    ex.respond(200, writeUpdate(ex, def, "", current, o, dryRun));
  }

  private static void checkNameMatches(ObjectNode o, String urlName) {
    String name = Meta.name(o);
    if (name.isEmpty()) {
      Meta.meta(o).put("name", urlName);
    } else if (!name.equals(urlName)) {
      throw ApiException.badRequest(
          "the name of the object ("
              + name
              + ") does not match the name on the URL ("
              + urlName
              + ")");
    }
  }

  /**
   * The update path shared by PUT, PATCH and subresources: carries over what the client may not
   * change, runs strategy, admission and validation, and writes if anything changed, guarded by the
   * revision {@code current} was read at.
   */
  private ObjectStore.Written writeUpdate(
      Exchange ex,
      ResourceDefinition def,
      String sub,
      ObjectNode current,
      ObjectNode o,
      boolean dryRun) {
    String ns = def.namespaced() ? Meta.text(Meta.meta(current), "namespace") : "";
    String name = Meta.name(current);
    ObjectNode meta = Meta.meta(o);
    ObjectNode oldMeta = Meta.meta(current);
    for (String f :
        List.of(
            "uid",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "namespace",
            "name",
            "generateName")) {
      JsonNode v = oldMeta.get(f);
      if (v == null) {
        meta.remove(f);
      } else {
        meta.set(f, v);
      }
    }
    meta.remove("selfLink");
    boolean statusSub = def.subresources().contains("status");
    if (sub.equals("status")) {
      // Only status (and labels/annotations) change through the status subresource.
      ObjectNode merged = current.deepCopy();
      if (o.has("status")) {
        merged.set("status", o.get("status"));
      } else {
        merged.remove("status");
      }
      ObjectNode mergedMeta = Meta.meta(merged);
      for (String f : List.of("labels", "annotations", "managedFields")) {
        if (meta.has(f)) {
          mergedMeta.set(f, meta.get(f));
        }
      }
      o = merged;
      meta = mergedMeta;
    } else if (statusSub && !sub.equals("finalize")) {
      if (current.has("status")) {
        o.set("status", current.get("status"));
      } else {
        o.remove("status");
      }
      def.strategy().prepareForUpdate(o, current);
    } else if (sub.equals("finalize")) {
      ObjectNode merged = current.deepCopy();
      merged.with("spec").set("finalizers", o.path("spec").path("finalizers"));
      o = merged;
      meta = Meta.meta(o);
    } else {
      def.strategy().prepareForUpdate(o, current);
    }
    def.strategy().applyDefaults(o);
    if (current.has("spec") || o.has("spec")) {
      long gen = oldMeta.path("generation").asLong(1);
      meta.put("generation", Meta.specChanged(o, current) ? gen + 1 : gen);
    }
    admission.mutate(
        admissionRequest(ex, def, Operation.UPDATE, sub, ns, name, o, current, dryRun));
    validate(def, o, current);
    admission.validate(
        admissionRequest(ex, def, Operation.UPDATE, sub, ns, name, o, current, dryRun));
    ServiceAllocator.Allocation allocation = services.allocateFor(def, sub, o, current, dryRun);
    patching.recordManager(ex, def, current, o);
    long expected = RestHandler.parseRv(Meta.text(oldMeta, "resourceVersion"));
    meta.put("resourceVersion", Long.toString(expected));
    if (o.equals(current) || dryRun) {
      allocation.rollback();
      // a no-op update does not touch the store
      return ObjectStore.Written.unstored(o.equals(current) ? current : o);
    }
    if (meta.has("deletionTimestamp") && !hasPendingFinalizers(def, o)) {
      allocation.rollback(); // the delete gives back the rest
      store.delete(def, ns, name, expected);
      return ObjectStore.Written.unstored(o);
    }
    try {
      ObjectStore.Written updated = store.updateWritten(def, ns, name, o, expected);
      allocation.commit();
      return updated;
    } catch (RuntimeException e) {
      allocation.rollback();
      throw e;
    }
  }

  private static boolean hasPendingFinalizers(ResourceDefinition def, ObjectNode o) {
    if (!Meta.finalizers(o).isEmpty()) {
      return true;
    }
    if (isNamespace(def)) {
      JsonNode f = o.path("spec").path("finalizers");
      return f.isArray() && !f.isEmpty();
    }
    return false;
  }

  private static boolean isNamespace(ResourceDefinition def) {
    return def.group().isEmpty() && def.plural().equals("namespaces");
  }

  /**
   * PATCH: applies the patch to the newest object and writes it with optimistic concurrency,
   * retrying when the object changed in between, unless the patch itself named a resourceVersion.
   * {@code view} maps the stored object to what the patch applies to (itself, or the Scale of a
   * scale subresource), and {@code back} maps a patched view back onto the object.
   */
  private void patchWith(
      Exchange ex,
      ResourceDefinition def,
      String sub,
      Function<ObjectNode, ObjectNode> view,
      java.util.function.BinaryOperator<ObjectNode> back) {
    boolean dryRun = ex.dryRun();
    RequestInfo info = ex.info();
    String ns = def.namespaced() ? info.namespace() : "";
    String contentType = MediaTypes.baseType(ex.header("Content-Type"));
    byte[] body = ex.body(maxBody);
    boolean apply =
        contentType.equals(MediaTypes.APPLY_PATCH)
            || contentType.equals(MediaTypes.APPLY_PATCH_CBOR);
    for (int attempt = 0; ; attempt++) {
      Optional<ObjectNode> found = store.get(def, ns, info.name());
      if (found.isEmpty()) {
        if (apply && sub.isEmpty()) {
          ObjectNode applied = patching.applyToNew(ex, def, body);
          checkTypeMeta(applied, def);
          checkNameMatches(applied, info.name());
          ex.respond(201, createObject(ex, def, applied, dryRun));
          return;
        }
        throw ApiException.notFound(def.group(), def.plural(), info.name());
      }
      ObjectNode current = found.get();
      ObjectNode target = view.apply(current.deepCopy());
      Patching.Result patched = patching.apply(ex, def, contentType, target, body);
      ObjectNode updated = back.apply(current.deepCopy(), patched.object());
      if (sub.isEmpty()) {
        checkTypeMeta(updated, def);
        decoding.checkPatchedFields(ex, updated, def);
      }
      String patchRv = patched.requestedResourceVersion();
      if (patchRv != null
          && !patchRv.isEmpty()
          && !patchRv.equals(Meta.text(Meta.meta(current), "resourceVersion"))) {
        throw ApiException.modified(def.group(), def.plural(), info.name());
      }
      try {
        ObjectStore.Written result =
            writeUpdate(ex, def, sub.equals("scale") ? "" : sub, current, updated, dryRun);
        if (sub.equals("scale")) {
          ex.respond(200, view.apply(result.object()));
        } else {
          ex.respond(200, result);
        }
        return;
      } catch (ApiException e) {
        boolean conflict = e.code() == 409 && "Conflict".equals(e.reason());
        if (!conflict || (patchRv != null && !patchRv.isEmpty()) || attempt >= PATCH_RETRIES) {
          throw e;
        }
      }
    }
  }

  private void delete(Exchange ex, ResourceDefinition def) {
    RequestInfo info = ex.info();
    String ns = def.namespaced() ? info.namespace() : "";
    DeleteOptions opts = DeleteOptions.read(ex, maxBody);
    ObjectNode current = load(def, ns, info.name());
    ObjectNode result = deleteObject(ex, def, current, opts);
    if (result == null) {
      ObjectNode meta = Meta.meta(current);
      ex.respond(
          200, Statuses.success(info.name(), def.group(), def.plural(), Meta.text(meta, "uid")));
    } else {
      ex.respond(200, result);
    }
  }

  /**
   * Deletes or marks for deletion. Returns the object still present (finalizers, grace period) or
   * null once it is gone.
   */
  ObjectNode deleteObject(
      Exchange ex, ResourceDefinition def, ObjectNode current, DeleteOptions opts) {
    String ns = def.namespaced() ? Meta.text(Meta.meta(current), "namespace") : "";
    String name = Meta.name(current);
    ObjectNode meta = Meta.meta(current);
    opts.checkPreconditions(def, current);
    admission.mutate(
        admissionRequest(ex, def, Operation.DELETE, "", ns, name, null, current, opts.dryRun()));
    admission.validate(
        admissionRequest(ex, def, Operation.DELETE, "", ns, name, null, current, opts.dryRun()));
    long expected = RestHandler.parseRv(Meta.text(meta, "resourceVersion"));
    ObjectNode marked = current.deepCopy();
    ObjectNode markedMeta = Meta.meta(marked);
    boolean changed = false;
    String finalizer =
        switch (opts.propagationPolicy()) {
          case "Foreground" -> "foregroundDeletion";
          case "Orphan" -> "orphan";
          default -> null;
        };
    if (finalizer != null && !Meta.finalizers(marked).contains(finalizer)) {
      markedMeta.withArray("finalizers").add(finalizer);
      changed = true;
    }
    long grace = def.strategy().gracefulDeleteSeconds(current, opts.gracePeriodSeconds());
    boolean pending = hasPendingFinalizers(def, marked) || grace > 0;
    if (pending) {
      if (!markedMeta.has("deletionTimestamp")) {
        markedMeta.put("deletionTimestamp", Meta.timestamp(Instant.now().plusSeconds(grace)));
        markedMeta.put("deletionGracePeriodSeconds", grace);
        changed = true;
        if (isNamespace(def)) {
          marked.with("status").put("phase", "Terminating");
        }
      } else if (grace < markedMeta.path("deletionGracePeriodSeconds").asLong(Long.MAX_VALUE)) {
        markedMeta.put("deletionTimestamp", Meta.timestamp(Instant.now().plusSeconds(grace)));
        markedMeta.put("deletionGracePeriodSeconds", grace);
        changed = true;
      }
      if (hasPendingFinalizers(def, marked) || grace > 0) {
        if (!changed || opts.dryRun()) {
          return marked;
        }
        return store.update(def, ns, name, marked, expected);
      }
    }
    if (!opts.dryRun()) {
      store.delete(def, ns, name, expected);
    }
    return null;
  }

  private void deleteCollection(Exchange ex, ResourceDefinition def) {
    RequestInfo info = ex.info();
    LabelSelector labels = LabelSelector.parse(ex.param("labelSelector"));
    FieldSelector fields =
        FieldSelector.parse(ex.param("fieldSelector"), def.group(), def.plural());
    DeleteOptions opts = DeleteOptions.read(ex, maxBody);
    String ns = def.namespaced() ? info.namespace() : "";
    ObjectStore.Page<ObjectNode> page =
        store.list(def, ns, 0, 0, null, o -> labels.matches(o) && fields.matches(o));
    ObjectNode list = Json.MAPPER.createObjectNode();
    list.put("kind", def.listKind());
    list.put("apiVersion", def.apiVersion());
    list.putObject("metadata").put("resourceVersion", Long.toString(page.revision()));
    ArrayNode items = list.putArray("items");
    for (ObjectNode o : page.items()) {
      try {
        ObjectNode left = deleteObject(ex, def, o, opts);
        items.add(left == null ? o : left);
      } catch (ApiException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
    }
    ex.respond(200, list);
  }

  // ---------------------------------------------------------------- subresources

  private void status(Exchange ex, ResourceDefinition def, String verb, String sub) {
    RequestInfo info = ex.info();
    String ns = def.namespaced() ? info.namespace() : "";
    switch (verb) {
      case "get" -> render(ex, def, load(def, ns, info.name()));
      case "update" -> {
        boolean dryRun = ex.dryRun();
        ObjectNode o = readBody(ex, def);
        checkNameMatches(o, info.name());
        ObjectNode current = load(def, ns, info.name());
        String bodyRv = Meta.text(Meta.meta(o), "resourceVersion");
        if (!bodyRv.isEmpty() && !bodyRv.equals(Meta.text(Meta.meta(current), "resourceVersion"))) {
          throw ApiException.modified(def.group(), def.plural(), info.name());
        }
        ex.respond(200, writeUpdate(ex, def, sub, current, o, dryRun));
      }
      case "patch" -> patchWith(ex, def, sub, o -> o, (stored, patched) -> patched);
      default -> throw ApiException.methodNotAllowed("unsupported verb " + verb + " on " + sub);
    }
  }

  private ObjectNode scaleOf(ResourceDefinition def, ObjectNode o) {
    ScaleSpec spec = def.scale();
    ObjectNode scale = Json.MAPPER.createObjectNode();
    scale.put("kind", "Scale");
    scale.put("apiVersion", "autoscaling/v1");
    ObjectNode meta = scale.putObject("metadata");
    ObjectNode src = Meta.meta(o);
    for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      if (src.has(f)) {
        meta.set(f, src.get(f));
      }
    }
    scale.putObject("spec").put("replicas", JsonPaths.get(o, spec.specReplicasPath()).asInt(0));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", JsonPaths.get(o, spec.statusReplicasPath()).asInt(0));
    if (spec.labelSelectorPath() != null) {
      JsonNode sel = JsonPaths.get(o, spec.labelSelectorPath());
      String text = sel.isTextual() ? sel.asText() : LabelSelectors.toText(sel);
      if (!text.isEmpty()) {
        status.put("selector", text);
      }
    }
    return scale;
  }

  private void scale(Exchange ex, ResourceDefinition def, String verb) {
    RequestInfo info = ex.info();
    String ns = def.namespaced() ? info.namespace() : "";
    ScaleSpec spec = def.scale();
    java.util.function.BinaryOperator<ObjectNode> back =
        (stored, scale) -> {
          JsonNode replicas = scale.path("spec").path("replicas");
          if (!replicas.canConvertToInt() || replicas.asInt() < 0) {
            throw ApiException.invalid(
                "autoscaling",
                "Scale",
                info.name(),
                List.of(
                    FieldError.invalid(
                        "spec.replicas",
                        replicas.toString(),
                        "must be greater than or equal to 0")));
          }
          JsonPaths.set(stored, spec.specReplicasPath(), replicas.asInt());
          return stored;
        };
    switch (verb) {
      case "get" -> ex.respond(200, scaleOf(def, load(def, ns, info.name())));
      case "update" -> {
        boolean dryRun = ex.dryRun();
        byte[] body = ex.body(maxBody);
        ObjectNode scale = decoding.decode(ex.header("Content-Type"), body);
        ObjectNode current = load(def, ns, info.name());
        String rv = Meta.text(Meta.meta(scale), "resourceVersion");
        if (!rv.isEmpty() && !rv.equals(Meta.text(Meta.meta(current), "resourceVersion"))) {
          throw ApiException.modified(def.group(), def.plural(), info.name());
        }
        ObjectNode updated = back.apply(current.deepCopy(), scale);
        ex.respond(200, scaleOf(def, writeUpdate(ex, def, "", current, updated, dryRun).object()));
      }
      case "patch" -> patchWith(ex, def, "scale", o -> scaleOf(def, o), back);
      default -> throw ApiException.methodNotAllowed("unsupported verb " + verb + " on scale");
    }
  }

  private void bind(Exchange ex, ResourceDefinition def) {
    RequestInfo info = ex.info();
    boolean dryRun = ex.dryRun();
    ObjectNode binding = decoding.decode(ex.header("Content-Type"), ex.body(maxBody));
    if (!info.name().equals(Meta.text(Meta.meta(binding), "name"))) {
      throw ApiException.badRequest("name in URL does not match name in Binding object");
    }
    String node = binding.path("target").path("name").asText("");
    if (node.isEmpty()) {
      throw ApiException.invalid(
          "", "Binding", info.name(), List.of(FieldError.required("target.name", "")));
    }
    ObjectNode current = load(def, info.namespace(), info.name());
    String assigned = current.path("spec").path("nodeName").asText("");
    if (Meta.meta(current).has("deletionTimestamp")) {
      throw ApiException.conflict(
          "",
          "pods",
          info.name(),
          "pod " + info.name() + " is being deleted, cannot be assigned to a host");
    }
    if (!assigned.isEmpty()) {
      throw ApiException.conflict(
          "",
          "pods",
          info.name(),
          "pod " + info.name() + " is already assigned to node \"" + assigned + "\"");
    }
    String expected = Meta.text(Meta.meta(current), "resourceVersion");
    ObjectNode updated = current; // decoded for this request alone: changed in place
    updated.with("spec").put("nodeName", node);
    ArrayNode conditions = updated.with("status").withArray("conditions");
    ObjectNode scheduled = null;
    for (JsonNode c : conditions) {
      if ("PodScheduled".equals(c.path("type").asText())) {
        scheduled = (ObjectNode) c;
      }
    }
    if (scheduled == null) {
      scheduled = conditions.addObject();
      scheduled.put("type", "PodScheduled");
    }
    scheduled.put("status", "True");
    // A bound pod's condition replaces an earlier Unschedulable one entirely, as upstream's.
    scheduled.remove("reason");
    scheduled.remove("message");
    scheduled.putNull("lastProbeTime");
    scheduled.put("lastTransitionTime", Meta.now());
    if (!dryRun) {
      store.update(def, info.namespace(), info.name(), updated, parseRv(expected));
    }
    ex.respond(201, Statuses.success(null, null, null, null));
  }

  private void evict(Exchange ex, ResourceDefinition def) {
    RequestInfo info = ex.info();
    ObjectNode eviction = decoding.decode(ex.header("Content-Type"), ex.body(maxBody));
    ObjectNode pod = load(def, info.namespace(), info.name());
    ResourceDefinition pdbDef =
        registry.get().find("policy", "v1", "poddisruptionbudgets").orElse(null);
    boolean terminal =
        List.of("Succeeded", "Failed").contains(pod.path("status").path("phase").asText());
    if (pdbDef != null && !terminal && !Meta.meta(pod).has("deletionTimestamp")) {
      for (ObjectNode pdb : store.list(pdbDef, info.namespace(), 0, 0, null, p -> true).items()) {
        JsonNode selector = pdb.path("spec").path("selector");
        if (LabelSelectors.matches(selector, pod)
            && pdb.path("status").path("disruptionsAllowed").asInt(0) < 1) {
          throw new ApiException(
              429,
              "TooManyRequests",
              "Cannot evict pod as it would violate the pod's disruption budget.",
              new ApiException.StatusDetails(
                  null,
                  null,
                  null,
                  null,
                  List.of(
                      new ApiException.Cause(
                          "DisruptionBudget",
                          "The disruption budget "
                              + Meta.name(pdb)
                              + " needs "
                              + pdb.path("status").path("desiredHealthy").asInt()
                              + " healthy pods and has "
                              + pdb.path("status").path("currentHealthy").asInt()
                              + " currently",
                          null)),
                  10));
        }
      }
    }
    DeleteOptions opts = DeleteOptions.from(eviction.path("deleteOptions"), ex);
    deleteObject(ex, def, pod, opts);
    ex.respond(201, Statuses.success(null, null, null, null));
  }

  private void virtualCreate(Exchange ex, ResourceDefinition def) {
    if (!ex.info().verb().equals("create")) {
      throw ApiException.methodNotAllowed(
          "the server does not allow this method on the requested resource");
    }
    ObjectNode o = readBody(ex, def);
    def.strategy().applyDefaults(o);
    List<FieldError> errors = def.strategy().validate(o);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(def.group(), def.kind(), Meta.name(o), errors);
    }
    ex.respond(201, def.virtualCreate().create(o, ex.user(), authorizer.get()));
  }
}
