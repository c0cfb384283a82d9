package io.karavel.protobuf.internal;

import com.google.protobuf.Descriptors.Descriptor;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link MessagePlan} of each message type, built on first use and kept. */
final class Plans {
  private final GoJsonShapes shapes;
  private final ConcurrentHashMap<Descriptor, MessagePlan> plans = new ConcurrentHashMap<>();

  Plans(GoJsonShapes shapes) {
    this.shapes = shapes;
  }

  MessagePlan of(Descriptor descriptor) {
    MessagePlan plan = plans.get(descriptor);
    return plan != null ? plan : plans.computeIfAbsent(descriptor, d -> new MessagePlan(d, shapes));
  }
}
