package io.karavel.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code kube:scale}: sets replicas through the scale subresource. */
@Command(
    scope = "kube",
    name = "scale",
    description = "Set the number of replicas of deployments, replica sets or stateful sets.",
    detailedDescription =
        "Sends a JSON merge patch {\"spec\":{\"replicas\":N}} to each object's scale"
            + " subresource, as kubectl scale does, and prints 'TYPE/NAME scaled'.\n"
            + "Examples:\n"
            + "  kube:scale --replicas=3 deploy/web\n"
            + "  kube:scale --replicas=0 statefulset db -n shop")
@Service
public class ScaleCommand extends KubeCommandSupport {

  // Not "required": Karaf would then refuse --replicas given after the arguments.
  @Option(name = "--replicas", description = "The new number of replicas (required)")
  int replicas = -1;

  @Argument(
      index = 0,
      name = "objects",
      description = "TYPE NAME... or TYPE/NAME...",
      required = true,
      multiValued = true)
  @Completion(ResourceTypeCompleter.class)
  List<String> args = new ArrayList<>();

  @Override
  protected void run() throws Exception {
    args = withLateOptions(args);
    if (replicas < 0) {
      throw new IllegalArgumentException(
          "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
    }
    for (Target target : targets(args)) {
      ApiResource resource = target.resource();
      String path = resource.objectPath(namespace(), target.name()) + "/scale";
      api()
          .send(
              "PATCH",
              path,
              KubeApi.JSON,
              KubeApi.MERGE_PATCH,
              "{\"spec\":{\"replicas\":" + replicas + "}}")
          .json();
      out().println(resource.kindName() + "/" + target.name() + " scaled");
    }
  }
}
