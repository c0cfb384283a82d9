package io.karavel.shell.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code kube:version}: client and server versions. */
@Command(
    scope = "kube",
    name = "version",
    description = "Print the client and server versions, as kubectl version does.",
    detailedDescription =
        "The client is this shell (bundle io.karavel.shell on fabric8's kubernetes-client); the"
            + " server version is the API server's /version.\n"
            + "Examples:\n"
            + "  kube:version\n"
            + "  kube:version -o yaml")
@Service
public class VersionCommand extends KubeCommandSupport {

  @Option(name = "-o", aliases = "--output", description = "Output format: yaml or json")
  String output;

  @Option(name = "--client", description = "Only the client version (no server needed)")
  boolean clientOnly;

  @Override
  protected void run() throws Exception {
    String client = clientVersion();
    JsonNode server = null;
    String serverError = null;
    if (!clientOnly) {
      try {
        server = api().getJson("/version", KubeApi.JSON);
      } catch (RuntimeException e) {
        serverError = e.getMessage();
      }
    }
    if (output == null || output.isEmpty()) {
      out().println("Client Version: " + client);
      if (server != null) {
        out().println("Server Version: " + server.path("gitVersion").asText());
      }
    } else {
      ObjectNode doc = Json.object();
      ObjectNode clientNode = doc.putObject("clientVersion");
      clientNode.put("gitVersion", client);
      clientNode.put("fabric8Version", fabric8Version());
      if (server != null) {
        doc.set("serverVersion", server);
      }
      switch (output) {
        case "yaml" -> out().print(ObjectPrinter.yaml(doc));
        case "json" -> out().print(ObjectPrinter.json(doc));
        default -> throw new IllegalArgumentException("error: --output must be 'yaml' or 'json'");
      }
    }
    if (serverError != null) {
      throw new CommandFailure(serverError);
    }
  }

  /** The version of this bundle, e.g. {@code v0.1.0}. */
  static String clientVersion() {
    String version = VersionCommand.class.getPackage().getImplementationVersion();
    if (version == null) {
      org.osgi.framework.Bundle bundle =
          org.osgi.framework.FrameworkUtil.getBundle(VersionCommand.class);
      version = bundle == null ? "dev" : bundle.getVersion().toString();
    }
    return "karavel-shell v" + version + " (fabric8 kubernetes-client " + fabric8Version() + ")";
  }

  static String fabric8Version() {
    Package fabric8 = io.fabric8.kubernetes.client.KubernetesClient.class.getPackage();
    String version = fabric8 == null ? null : fabric8.getImplementationVersion();
    return version == null ? "7.4.0" : version;
  }
}
