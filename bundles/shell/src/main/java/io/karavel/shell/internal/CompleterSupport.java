package io.karavel.shell.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.karavel.client.KubeClientProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Shared plumbing of the completers: the client, and reading the line typed so far. */
abstract class CompleterSupport implements Completer {
  /** Options of the kube: commands that take a value, so their values are not arguments. */
  private static final Set<String> WITH_VALUE =
      Set.of(
          "-n",
          "--namespace",
          "-o",
          "--output",
          "-l",
          "--selector",
          "--field-selector",
          "-L",
          "--label-columns",
          "-f",
          "--filename",
          "--replicas",
          "--api-group",
          "--namespaced",
          "--field-manager",
          "--timeout");

  @Reference KubeClientProvider clientProvider;

  @Override
  public final int complete(Session session, CommandLine commandLine, List<String> candidates) {
    Collection<String> values;
    try {
      values = candidates(commandLine);
    } catch (RuntimeException e) {
      // No server, no kubeconfig yet: nothing to offer.
      return -1;
    }
    return new StringsCompleter(values).complete(session, commandLine, candidates);
  }

  abstract Collection<String> candidates(CommandLine line);

  KubernetesClient client() {
    return clientProvider.client();
  }

  /** The words before the cursor that are neither options nor option values. */
  static List<String> positional(CommandLine line) {
    String[] words = line.getArguments();
    int upTo = Math.min(line.getCursorArgumentIndex(), words.length);
    List<String> positional = new ArrayList<>();
    for (int i = 1; i < upTo; i++) {
      String word = words[i];
      if (word.startsWith("-")) {
        if (WITH_VALUE.contains(word)) {
          i++;
        }
        continue;
      }
      positional.add(word);
    }
    return positional;
  }

  /** The value of {@code -n}/{@code --namespace} (also in {@code --namespace=x} form), or null. */
  static String namespaceOption(CommandLine line) {
    String[] words = line.getArguments();
    for (int i = 1; i < words.length; i++) {
      String word = words[i];
      if ((word.equals("-n") || word.equals("--namespace")) && i + 1 < words.length) {
        return words[i + 1];
      }
      if (word.startsWith("--namespace=")) {
        return word.substring("--namespace=".length());
      }
    }
    return null;
  }
}
