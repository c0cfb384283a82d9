package io.karavel.shell.internal;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;

/**
 * Completes object names of the type given as the command's first argument, in the namespace of
 * {@code -n} (else the kubeconfig's, else default).
 */
@Service
public class ObjectNameCompleter extends CompleterSupport {
  @Override
  Collection<String> candidates(CommandLine line) {
    List<String> positional = positional(line);
    Collection<String> names = new TreeSet<>();
    if (positional.isEmpty() || positional.get(0).contains("/")) {
      return names;
    }
    KubernetesClient client = client();
    ApiResource resource = Discovery.resolve(client, positional.get(0).split(",")[0]);
    String namespace = namespaceOption(line);
    if (namespace == null) {
      namespace = client.getNamespace() == null ? "default" : client.getNamespace();
    }
    var resources = client.genericKubernetesResources(resource.type().toContext());
    List<GenericKubernetesResource> items =
        resource.namespaced()
            ? resources.inNamespace(namespace).list().getItems()
            : resources.list().getItems();
    for (GenericKubernetesResource item : items) {
      names.add(item.getMetadata().getName());
    }
    return names;
  }
}
