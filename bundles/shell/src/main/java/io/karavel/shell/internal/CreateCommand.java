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

/** {@code kube:create -f}: creates the objects of manifests. */
@Command(
    scope = "kube",
    name = "create",
    description = "Create objects from manifests, as kubectl create -f does.",
    detailedDescription =
        "Each object of the files, directories or URLs is created (POST); an object that exists"
            + " already is an error (use kube:apply to update). Prints 'TYPE/NAME created'.\n"
            + "Examples:\n"
            + "  kube:create -f namespace.yaml\n"
            + "  kube:create -f job.yaml -n batch")
@Service
public class CreateCommand extends KubeCommandSupport {

  @Option(
      name = "-f",
      aliases = "--filename",
      description = "File, directory or URL holding the manifests (may be repeated)",
      required = true,
      multiValued = true)
  @Completion(FileOrUriCompleter.class)
  List<String> files = new ArrayList<>();

  @Option(
      name = "--dry-run",
      description = "'server' to have the server check the objects without storing them")
  String dryRun;

  @Override
  protected void run() throws Exception {
    boolean serverDryRun = ApplyCommand.validateDryRun(dryRun);
    List<String> errors = new ArrayList<>();
    for (Manifest manifest : ManifestReader.read(files)) {
      try {
        JsonNode object = manifest.object();
        ApiResource resource = resourceOf(object);
        String namespace = namespaceOf(object, resource);
        if (namespace != null) {
          ((ObjectNode) object.with("metadata")).put("namespace", namespace);
        }
        String path = resource.collectionPath(namespace) + (serverDryRun ? "?dryRun=All" : "");
        JsonNode created =
            api().send("POST", path, KubeApi.JSON, KubeApi.JSON, Json.write(object)).json();
        out()
            .println(
                resource.kindName()
                    + "/"
                    + Json.name(created)
                    + " created"
                    + (serverDryRun ? " (server dry run)" : ""));
      } catch (ApiException e) {
        errors.add(
            "Error from server ("
                + (e.reason().isEmpty() ? "Unknown" : e.reason())
                + "): error when creating \""
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
}
