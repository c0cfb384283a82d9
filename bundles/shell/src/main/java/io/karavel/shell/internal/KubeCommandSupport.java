package io.karavel.shell.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.karavel.client.KubeClientProvider;
import io.karavel.client.KubeconfigUnavailableException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;

/**
 * What every {@code kube:} command shares: the client from {@link KubeClientProvider}, the
 * namespace option, resource type resolution through discovery, and kubectl's error style ({@code
 * error: ...} or {@code Error from server (Reason): ...}, without Karaf's "Error executing command"
 * prefix).
 */
public abstract class KubeCommandSupport implements Action {

  @Reference KubeClientProvider clientProvider;

  @Option(
      name = "-n",
      aliases = "--namespace",
      description =
          "The namespace of the request (default: the kubeconfig context's, else default)")
  @Completion(NamespaceCompleter.class)
  String namespace;

  private KubernetesClient client;
  private KubeApi api;

  /** Set by tests; in the shell, Karaf routes the command thread's System.out to the session. */
  PrintStream out;

  PrintStream err;

  PrintStream out() {
    return out != null ? out : System.out;
  }

  PrintStream err() {
    return err != null ? err : System.err;
  }

  @Override
  public final Object execute() throws Exception {
    try {
      run();
      return null;
    } catch (InterruptedException e) {
      // Ctrl-C: end quietly, as kubectl does.
      Thread.currentThread().interrupt();
      return null;
    } catch (ApiException | CommandFailure e) {
      throw failure(e.getMessage());
    } catch (KubernetesClientException e) {
      throw failure(fromFabric8(e));
    } catch (KubeconfigUnavailableException e) {
      throw failure("error: " + e.getMessage());
    } catch (UnknownResourceTypeException
        | IllegalStateException
        | IllegalArgumentException
        | UncheckedIOException e) {
      throw failure(errorMessage(e.getMessage()));
    }
  }

  /** Karaf prints a CommandException's "nice help" as it is, without its own prefix. */
  private static CommandException failure(String message) {
    return new CommandException(message, message);
  }

  /**
   * The words of a multi-valued argument with any options among them applied to this command; Karaf
   * reads options only before the first argument, kubectl anywhere.
   */
  List<String> withLateOptions(List<String> words) {
    return LateOptions.apply(this, words == null ? List.of() : words);
  }

  private static String errorMessage(String message) {
    return message != null && message.startsWith("error: ") ? message : "error: " + message;
  }

  private static String fromFabric8(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      String reason = e.getStatus().getReason();
      return new ApiException(e.getCode(), reason == null ? "" : reason, e.getStatus().getMessage())
          .getMessage();
    }
    return "error: " + e.getMessage();
  }

  /** The command's work; runtime failures are turned into kubectl style messages. */
  protected abstract void run() throws Exception;

  KubernetesClient client() {
    if (client == null) {
      client = clientProvider.client();
    }
    return client;
  }

  KubeApi api() {
    if (api == null) {
      api = new KubeApi(client());
    }
    return api;
  }

  ResourceResolver resolver() {
    return Discovery.resolver(client());
  }

  ApiResource resolve(String type) {
    return Discovery.resolve(client(), type);
  }

  /** {@code -n}, else the kubeconfig context's namespace, else {@code default}. */
  String namespace() {
    if (namespace != null && !namespace.isEmpty()) {
      return namespace;
    }
    String configured = client().getNamespace();
    return configured == null || configured.isEmpty() ? "default" : configured;
  }

  /** One object named on the command line. */
  record Target(ApiResource resource, String name) {}

  /**
   * Reads kubectl's {@code TYPE NAME...} or {@code TYPE/NAME...} argument forms.
   *
   * @param args the arguments after the command name
   */
  List<Target> targets(List<String> args) {
    List<Target> targets = new ArrayList<>();
    if (args.isEmpty()) {
      throw new IllegalArgumentException("error: you must specify the type of resource");
    }
    if (args.get(0).contains("/")) {
      for (String arg : args) {
        int slash = arg.indexOf('/');
        if (slash <= 0 || slash == arg.length() - 1) {
          throw new IllegalArgumentException(
              "error: arguments in resource/name form must have a single resource and name");
        }
        targets.add(new Target(resolve(arg.substring(0, slash)), arg.substring(slash + 1)));
      }
      return targets;
    }
    ApiResource resource = resolve(args.get(0));
    for (String name : args.subList(1, args.size())) {
      if (name.contains("/")) {
        throw new IllegalArgumentException(
            "error: there is no need to specify a resource type as a separate argument when"
                + " passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>'"
                + " instead of 'kubectl get resource resource/<resource_name>'");
      }
      targets.add(new Target(resource, name));
    }
    return targets;
  }

  /** The namespace an object from a manifest goes to; fails on a conflicting {@code -n}. */
  String namespaceOf(JsonNode object, ApiResource resource) {
    if (!resource.namespaced()) {
      return null;
    }
    String own = Json.namespace(object);
    if (!own.isEmpty()) {
      if (namespace != null && !namespace.isEmpty() && !namespace.equals(own)) {
        throw new IllegalArgumentException(
            "error: the namespace from the provided object \""
                + own
                + "\" does not match the namespace \""
                + namespace
                + "\". You must pass '--namespace="
                + own
                + "' to perform this operation.");
      }
      return own;
    }
    return namespace();
  }

  /** The type of an object read from a manifest. */
  ApiResource resourceOf(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    String kind = object.path("kind").asText();
    return resolver()
        .forKind(apiVersion, kind)
        .or(
            () -> {
              Discovery.invalidate();
              return resolver().forKind(apiVersion, kind);
            })
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "error: resource mapping not found for name: \""
                        + Json.name(object)
                        + "\" namespace: \""
                        + Json.namespace(object)
                        + "\" from \"\": no matches for kind \""
                        + kind
                        + "\" in version \""
                        + apiVersion
                        + "\"\nensure CRDs are installed first"));
  }
}
