package io.karavel.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the output formats of {@code kube:get}. */
@Service
public class OutputFormatCompleter implements Completer {
  @Override
  public int complete(Session session, CommandLine commandLine, List<String> candidates) {
    return new StringsCompleter(List.of("json", "name", "wide", "yaml"))
        .complete(session, commandLine, candidates);
  }
}
