package io.karavel.scheduler.internal;

import io.karavel.scheduler.spi.BindPlugin;
import io.karavel.scheduler.spi.FilterPlugin;
import io.karavel.scheduler.spi.PermitPlugin;
import io.karavel.scheduler.spi.PostBindPlugin;
import io.karavel.scheduler.spi.PostFilterPlugin;
import io.karavel.scheduler.spi.PreBindPlugin;
import io.karavel.scheduler.spi.PreEnqueuePlugin;
import io.karavel.scheduler.spi.PreFilterPlugin;
import io.karavel.scheduler.spi.PreScorePlugin;
import io.karavel.scheduler.spi.QueueSortPlugin;
import io.karavel.scheduler.spi.ReservePlugin;
import io.karavel.scheduler.spi.ScorePlugin;

/** The extension points, with their profile key and SPI interface. */
enum ExtensionPoint {
  QUEUE_SORT("queueSort", QueueSortPlugin.class),
  PRE_ENQUEUE("preEnqueue", PreEnqueuePlugin.class),
  PRE_FILTER("preFilter", PreFilterPlugin.class),
  FILTER("filter", FilterPlugin.class),
  POST_FILTER("postFilter", PostFilterPlugin.class),
  PRE_SCORE("preScore", PreScorePlugin.class),
  SCORE("score", ScorePlugin.class),
  RESERVE("reserve", ReservePlugin.class),
  PERMIT("permit", PermitPlugin.class),
  PRE_BIND("preBind", PreBindPlugin.class),
  BIND("bind", BindPlugin.class),
  POST_BIND("postBind", PostBindPlugin.class);

  final String key;
  final Class<?> type;

  ExtensionPoint(String key, Class<?> type) {
    this.key = key;
    this.type = type;
  }

  /** Extension points at which a plugin object can run. */
  static java.util.List<ExtensionPoint> of(Object plugin) {
    return java.util.Arrays.stream(values()).filter(p -> p.type.isInstance(plugin)).toList();
  }
}
