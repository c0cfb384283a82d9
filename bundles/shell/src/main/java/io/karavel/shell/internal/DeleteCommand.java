package io.karavel.shell.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.karavel.shell.internal.ManifestReader.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileOrUriCompleter;

/** {@code kube:delete}: deletes objects by name, selector, or manifest. */
@Command(
    scope = "kube",
    name = "delete",
    description =
        "Delete objects by type and name, label selector or manifest, as kubectl delete does.",
    detailedDescription =
        "Deletes with propagation policy Background and, unless --wait=false, waits until the"
            + " objects are gone (finalizers and graceful termination can take a while; Ctrl-C"
            + " stops waiting, not the deletion). Prints 'TYPE \"NAME\" deleted'.\n"
            + "Examples:\n"
            + "  kube:delete cm settings\n"
            + "  kube:delete deploy/web svc/web\n"
            + "  kube:delete pods -l app=web\n"
            + "  kube:delete -f web.yaml")
@Service
public class DeleteCommand extends KubeCommandSupport {

  @Argument(index = 0, name = "type", description = "Resource type, or TYPE/NAME")
  @Completion(ResourceTypeCompleter.class)
  String type;

  @Argument(index = 1, name = "names", description = "Names of the objects", multiValued = true)
  @Completion(ObjectNameCompleter.class)
  List<String> names = new ArrayList<>();

  @Option(
      name = "-f",
      aliases = "--filename",
      description = "File, directory or URL naming the objects to delete (may be repeated)",
      multiValued = true)
  @Completion(FileOrUriCompleter.class)
  List<String> files = new ArrayList<>();

  @Option(
      name = "-l",
      aliases = "--selector",
      description = "Delete the objects matching this label selector")
  String selector;

  @Option(name = "--all", description = "Delete every object of the type in the namespace")
  boolean all;

  @Option(
      name = "--ignore-not-found",
      description = "Treat objects that do not exist as deleted instead of failing")
  boolean ignoreNotFound;

  @Option(
      name = "--wait",
      description = "Wait until the objects are gone (default true; --wait=false returns at once)")
  boolean waitForDeletion = true;

  @Option(
      name = "--timeout",
      description = "How long to wait, in seconds; 0 waits as long as it takes")
  long timeoutSeconds;

  /** An object to delete. */
  private record Doomed(ApiResource resource, String namespace, String name) {}

  /** An object the server accepted to delete; uid tells it from a successor of the same name. */
  private record Deleted(Doomed object, String uid) {}

  @Override
  protected void run() throws Exception {
    names = withLateOptions(names);
    List<Doomed> doomed = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    if (!files.isEmpty()) {
      if (type != null) {
        throw new IllegalArgumentException(
            "error: there is no need to specify a resource type as a separate argument when"
                + " passing arguments in resource/name form or with -f");
      }
      for (Manifest manifest : ManifestReader.read(files)) {
        JsonNode object = manifest.object();
        ApiResource resource = resourceOf(object);
        doomed.add(new Doomed(resource, namespaceOf(object, resource), Json.name(object)));
      }
    } else if (type == null) {
      throw new IllegalArgumentException(
          "error: You must provide one or more resources by argument or filename.");
    } else if (names.isEmpty() && !type.contains("/")) {
      if (!all && (selector == null || selector.isEmpty())) {
        throw new IllegalArgumentException(
            "error: resource(s) were provided, but no name was specified");
      }
      ApiResource resource = resolve(type);
      String ns = resource.namespaced() ? namespace() : null;
      String path = resource.collectionPath(ns);
      if (selector != null && !selector.isEmpty()) {
        path += "?labelSelector=" + PathSegments.encode(selector);
      }
      for (JsonNode item : api().getJson(path, KubeApi.JSON).path("items")) {
        doomed.add(new Doomed(resource, ns, Json.name(item)));
      }
      if (doomed.isEmpty()) {
        err()
            .println(
                resource.namespaced()
                    ? "No resources found in " + ns + " namespace."
                    : "No resources found");
        return;
      }
    } else {
      List<String> args = new ArrayList<>();
      args.add(type);
      args.addAll(names);
      for (Target target : targets(args)) {
        doomed.add(
            new Doomed(
                target.resource(),
                target.resource().namespaced() ? namespace() : null,
                target.name()));
      }
    }

    List<Deleted> deleted = new ArrayList<>();
    for (Doomed one : doomed) {
      KubeApi.Response response =
          api()
              .send(
                  "DELETE",
                  one.resource().objectPath(one.namespace(), one.name()),
                  KubeApi.JSON,
                  KubeApi.JSON,
                  "{\"propagationPolicy\":\"Background\"}");
      if (response.ok()) {
        out().println(one.resource().kindName() + " \"" + one.name() + "\" deleted");
        String uid = "";
        try {
          uid = Json.parse(response.body()).path("metadata").path("uid").asText("");
        } catch (RuntimeException e) {
          // Not the object: wait by name alone.
        }
        deleted.add(new Deleted(one, uid));
      } else if (response.code() == 404 && ignoreNotFound) {
        continue;
      } else {
        errors.add(ApiException.of(response.code(), response.body()).getMessage());
      }
    }
    if (waitForDeletion) {
      awaitGone(deleted);
    }
    if (!errors.isEmpty()) {
      throw new CommandFailure(String.join("\n", errors));
    }
  }

  private void awaitGone(List<Deleted> deleted) throws InterruptedException {
    long deadline =
        timeoutSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds) : 0;
    for (Deleted gone : deleted) {
      Doomed one = gone.object();
      String path = one.resource().objectPath(one.namespace(), one.name());
      while (stillThere(path, gone.uid())) {
        if (deadline != 0 && System.nanoTime() - deadline > 0) {
          throw new CommandFailure(
              "error: timed out waiting for the condition on "
                  + one.resource().qualifiedName()
                  + "/"
                  + one.name());
        }
        Thread.sleep(250);
      }
    }
  }

  private boolean stillThere(String path, String uid) throws InterruptedException {
    KubeApi.Response response = api().get(path, KubeApi.JSON);
    if (response.code() == 404) {
      return false;
    }
    if (!response.ok()) {
      throw ApiException.of(response.code(), response.body());
    }
    return uid.isEmpty()
        || uid.equals(Json.parse(response.body()).path("metadata").path("uid").asText(""));
  }
}
