package io.karavel.apiserver.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code /healthz}, {@code /livez} and {@code /readyz}: named checks, {@code ?verbose} detail,
 * {@code /readyz/<check>} for one check, {@code ?exclude=<check>} to skip one, as upstream.
 */
final class Health {

  private final Map<String, BooleanSupplier> liveness = new LinkedHashMap<>();
  private final Map<String, BooleanSupplier> readiness = new LinkedHashMap<>();

  Health(BooleanSupplier storeOk, BooleanSupplier apisRegistered, BooleanSupplier notStopping) {
    liveness.put("ping", () -> true);
    liveness.put("log", () -> true);
    liveness.put("etcd", storeOk);
    readiness.putAll(liveness);
    readiness.put("informer-sync", () -> true);
    readiness.put("poststarthook/apiservice-registration", apisRegistered);
    readiness.put("shutdown", notStopping);
  }

  void handle(Exchange ex, String path) {
    String[] parts = path.substring(1).split("/", 2);
    String endpoint = parts[0];
    Map<String, BooleanSupplier> checks = endpoint.equals("readyz") ? readiness : liveness;
    if (parts.length == 2) {
      BooleanSupplier one = checks.get(parts[1]);
      if (one == null) {
        throw new ApiException(404, "NotFound", "the server could not find the requested resource");
      }
      boolean ok = safe(one);
      text(ex, ok ? 200 : 500, ok ? "ok" : "internal server error: " + parts[1] + " failed");
      return;
    }
    boolean verbose = ex.flag("verbose");
    java.util.List<String> excluded = ex.params("exclude");
    StringBuilder out = new StringBuilder();
    boolean allOk = true;
    for (Map.Entry<String, BooleanSupplier> c : checks.entrySet()) {
      if (excluded.contains(c.getKey())) {
        out.append("[+]").append(c.getKey()).append(" excluded: ok\n");
        continue;
      }
      boolean ok = safe(c.getValue());
      allOk &= ok;
      out.append(ok ? "[+]" : "[-]")
          .append(c.getKey())
          .append(ok ? " ok" : " failed: reason" + " withheld")
          .append('\n');
    }
    if (allOk) {
      text(ex, 200, verbose ? out + endpoint + " check passed" : "ok");
    } else {
      text(ex, 500, out + endpoint + " check failed");
    }
  }

  private static boolean safe(BooleanSupplier s) {
    try {
      return s.getAsBoolean();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void text(Exchange ex, int code, String body) {
    ex.respond(code, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }
}
