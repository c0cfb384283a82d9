package io.karavel.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code kube:label}: adds, changes and removes labels. */
@Command(
    scope = "kube",
    name = "label",
    description = "Update the labels of objects, as kubectl label does.",
    detailedDescription =
        "Arguments are TYPE NAME... (or TYPE/NAME...) followed by changes: key=value sets a"
            + " label, key- removes it. Changing a label that has another value needs"
            + " --overwrite. Sends a JSON merge patch of metadata.labels.\n"
            + "Examples:\n"
            + "  kube:label pod web-1 tier=frontend\n"
            + "  kube:label --overwrite deploy/web version=2\n"
            + "  kube:label node worker-1 role-")
@Service
public class LabelCommand extends MetadataMapCommandSupport {

  @Argument(
      index = 0,
      name = "args",
      description = "TYPE NAME... or TYPE/NAME..., then key=value or key- changes",
      required = true,
      multiValued = true)
  @Completion(ResourceTypeCompleter.class)
  List<String> args = new ArrayList<>();

  @Option(name = "--overwrite", description = "Allow changing labels that already have a value")
  boolean overwrite;

  @Override
  String field() {
    return "labels";
  }

  @Override
  String done() {
    return "labeled";
  }

  @Override
  List<String> arguments() {
    return args;
  }

  @Override
  boolean overwrite() {
    return overwrite;
  }
}
