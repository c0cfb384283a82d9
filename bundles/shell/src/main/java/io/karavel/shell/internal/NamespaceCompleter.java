package io.karavel.shell.internal;

import io.fabric8.kubernetes.api.model.Namespace;
import java.util.Collection;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;

/** Completes namespace names. */
@Service
public class NamespaceCompleter extends CompleterSupport {
  @Override
  Collection<String> candidates(CommandLine line) {
    Collection<String> names = new TreeSet<>();
    for (Namespace namespace : client().namespaces().list().getItems()) {
      names.add(namespace.getMetadata().getName());
    }
    return names;
  }
}
