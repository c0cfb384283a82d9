package com.example.karavel.scheduler;

import io.karavel.scheduler.spi.ClusterEvent;
import io.karavel.scheduler.spi.ConfigurablePlugin;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.EnqueueExtensions;
import io.karavel.scheduler.spi.FilterPlugin;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.Plugin;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.Status;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Admits only nodes that carry the label {@code key} (argument {@code args.NodeLabelRequired.key},
 * default {@code example.com/certified}); pods it rejected are retried when a node is added or
 * relabelled.
 */
@Component(service = Plugin.class, property = Plugin.NAME + "=" + NodeLabelRequired.NAME)
public final class NodeLabelRequired
    implements FilterPlugin, EnqueueExtensions, ConfigurablePlugin {
  public static final String NAME = "NodeLabelRequired";

  private final String key;

  private static final String DEFAULT_KEY = Defaults.get("NodeLabelRequired.key");

  public NodeLabelRequired() {
    this(DEFAULT_KEY);
  }

  NodeLabelRequired(String key) {
    this.key = key;
  }

  @Override
  public Plugin withArgs(Map<String, String> args) {
    return new NodeLabelRequired(args.getOrDefault("key", DEFAULT_KEY));
  }

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    Map<String, String> labels = node.node().getMetadata().getLabels();
    return labels != null && labels.containsKey(key)
        ? Status.success()
        : Status.unresolvable("node(s) didn't have label " + key);
  }

  @Override
  public List<ClusterEvent> eventsToRegister() {
    return List.of(
        new ClusterEvent(
            ClusterEvent.Resource.NODE, ClusterEvent.ADD | ClusterEvent.UPDATE_NODE_LABEL));
  }
}
