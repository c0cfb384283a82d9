package io.karavel.shell.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.shell.internal.ManifestReader.Manifest;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileOrUriCompleter;

/** {@code kube:apply}: server-side apply of manifests. */
@Command(
    scope = "kube",
    name = "apply",
    description =
        "Apply manifests to the cluster with server-side apply (field manager karavel-shell).",
    detailedDescription =
        "Each object of the files, directories (their .yaml, .yml and .json files) or URLs is"
            + " applied with a server-side apply patch. Multi-document YAML and List objects are"
            + " read object by object. For each object prints, as kubectl apply does,"
            + " 'TYPE/NAME created', 'configured' (the server changed it) or 'unchanged'.\n"
            + "Examples:\n"
            + "  kube:apply -f web.yaml\n"
            + "  kube:apply -f manifests/ -n shop\n"
            + "  kube:apply -f web.yaml --force-conflicts")
@Service
public class ApplyCommand extends KubeCommandSupport {

  @Option(
      name = "-f",
      aliases = "--filename",
      description = "File, directory or URL holding the manifests (may be repeated)",
      required = true,
      multiValued = true)
  @Completion(FileOrUriCompleter.class)
  List<String> files = new ArrayList<>();

  @Option(
      name = "--force-conflicts",
      description = "Take over fields other managers own instead of failing with a conflict")
  boolean forceConflicts;

  @Option(
      name = "--field-manager",
      description = "Name of the manager that owns the applied fields (default karavel-shell)")
  String fieldManager = "karavel-shell";

  @Option(
      name = "--dry-run",
      description =
          "'server' to have the server check and default the objects without storing them")
  String dryRun;

  @Override
  protected void run() throws Exception {
    boolean serverDryRun = validateDryRun(dryRun);
    List<String> errors = new ArrayList<>();
    for (Manifest manifest : ManifestReader.read(files)) {
      try {
        out().println(apply(manifest, serverDryRun));
      } catch (ApiException e) {
        errors.add(
            "Error from server ("
                + (e.reason().isEmpty() ? "Unknown" : e.reason())
                + "): error when applying patch to \""
                + manifest.source()
                + "\": "
                + e.statusMessage());
      } catch (IllegalArgumentException e) {
        errors.add(e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new CommandFailure(String.join("\n", errors));
    }
  }

  static boolean validateDryRun(String dryRun) {
    if (dryRun == null || dryRun.equals("none")) {
      return false;
    }
    if (dryRun.equals("server")) {
      return true;
    }
    throw new IllegalArgumentException(
        "error: Invalid dry-run value (" + dryRun + "). Must be \"none\" or \"server\".");
  }

  private String apply(Manifest manifest, boolean serverDryRun) throws InterruptedException {
    JsonNode object = manifest.object();
    ApiResource resource = resourceOf(object);
    String name = Json.name(object);
    if (name.isEmpty()) {
      throw new IllegalArgumentException(
          "error: error when retrieving current configuration of \""
              + manifest.source()
              + "\": resource name may not be empty");
    }
    String namespace = namespaceOf(object, resource);
    if (namespace != null) {
      ((ObjectNode) object.with("metadata")).put("namespace", namespace);
    }
    String path = resource.objectPath(namespace, name);
    KubeApi.Response before = api().get(path, KubeApi.JSON);
    if (!before.ok() && before.code() != 404) {
      throw ApiException.of(before.code(), before.body());
    }
    String query =
        "?fieldManager="
            + PathSegments.encode(fieldManager)
            + "&force="
            + forceConflicts
            + (serverDryRun ? "&dryRun=All" : "");
    KubeApi.Response after =
        api().send("PATCH", path + query, KubeApi.JSON, KubeApi.APPLY_PATCH, Json.write(object));
    JsonNode applied = after.json();
    String outcome;
    if (after.code() == 201 || !before.ok()) {
      outcome = "created";
    } else {
      String oldVersion =
          Json.parse(before.body()).path("metadata").path("resourceVersion").asText();
      String newVersion = applied.path("metadata").path("resourceVersion").asText();
      outcome = oldVersion.equals(newVersion) ? "unchanged" : "configured";
    }
    return resource.kindName()
        + "/"
        + name
        + " "
        + (serverDryRun ? outcome + " (server dry run)" : outcome);
  }
}
