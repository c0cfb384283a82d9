package io.karavel.nodesimulator.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the names of running simulated node pools. */
@Service
public class PoolNameCompleter implements Completer {
  @Reference NodeSimulator simulator;

  @Override
  public int complete(Session session, CommandLine commandLine, List<String> candidates) {
    StringsCompleter names = new StringsCompleter();
    simulator.pools().forEach(p -> names.getStrings().add(p.spec().name()));
    return names.complete(session, commandLine, candidates);
  }
}
