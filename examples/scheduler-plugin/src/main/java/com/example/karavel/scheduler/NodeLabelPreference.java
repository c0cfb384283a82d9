package com.example.karavel.scheduler;

import io.karavel.scheduler.spi.ConfigurablePlugin;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.Plugin;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.ScorePlugin;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Scores {@value #MAX_NODE_SCORE} on nodes that carry the label {@code key=value} (profile
 * arguments {@code args.NodeLabelPreference.key} / {@code .value}; the defaults are in the bundle's
 * {@code defaults.properties}, {@code example.com/preferred=true}), 0 elsewhere.
 */
@Component(service = Plugin.class, property = Plugin.NAME + "=" + NodeLabelPreference.NAME)
public final class NodeLabelPreference implements ScorePlugin, ConfigurablePlugin {
  public static final String NAME = "NodeLabelPreference";

  private final String key;
  private final String value;

  private static final String DEFAULT_KEY = Defaults.get("NodeLabelPreference.key");
  private static final String DEFAULT_VALUE = Defaults.get("NodeLabelPreference.value");

  public NodeLabelPreference() {
    this(DEFAULT_KEY, DEFAULT_VALUE);
  }

  NodeLabelPreference(String key, String value) {
    this.key = key;
    this.value = value;
  }

  @Override
  public Plugin withArgs(Map<String, String> args) {
    return new NodeLabelPreference(
        args.getOrDefault("key", DEFAULT_KEY), args.getOrDefault("value", DEFAULT_VALUE));
  }

  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    Map<String, String> labels = node.node().getMetadata().getLabels();
    return labels != null && value.equals(labels.get(key)) ? MAX_NODE_SCORE : MIN_NODE_SCORE;
  }
}
