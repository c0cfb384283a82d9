package io.karavel.shell.internal;

import java.util.Collection;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;

/** Completes resource type names as discovery lists them: plurals, singulars and short names. */
@Service
public class ResourceTypeCompleter extends CompleterSupport {
  @Override
  Collection<String> candidates(CommandLine line) {
    Collection<String> names = new TreeSet<>();
    for (ApiResource resource : Discovery.resolver(client()).all()) {
      names.add(resource.name());
      names.add(resource.singularName());
      names.addAll(resource.shortNames());
    }
    return names;
  }
}
