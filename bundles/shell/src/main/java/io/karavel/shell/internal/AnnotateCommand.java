package io.karavel.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code kube:annotate}: adds, changes and removes annotations. */
@Command(
    scope = "kube",
    name = "annotate",
    description = "Update the annotations of objects, as kubectl annotate does.",
    detailedDescription =
        "Arguments are TYPE NAME... (or TYPE/NAME...) followed by changes: key=value sets an"
            + " annotation, key- removes it. Changing an annotation that has another value needs"
            + " --overwrite. Sends a JSON merge patch of metadata.annotations.\n"
            + "Examples:\n"
            + "  kube:annotate pod web-1 description=frontend\n"
            + "  kube:annotate --overwrite deploy/web owner=team-b\n"
            + "  kube:annotate node worker-1 note-")
@Service
public class AnnotateCommand extends MetadataMapCommandSupport {

  @Argument(
      index = 0,
      name = "args",
      description = "TYPE NAME... or TYPE/NAME..., then key=value or key- changes",
      required = true,
      multiValued = true)
  @Completion(ResourceTypeCompleter.class)
  List<String> args = new ArrayList<>();

  @Option(
      name = "--overwrite",
      description = "Allow changing annotations that already have a value")
  boolean overwrite;

  @Override
  String field() {
    return "annotations";
  }

  @Override
  String done() {
    return "annotated";
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
