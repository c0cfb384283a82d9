package io.karavel.scheduler.plugins.internal;

import java.util.function.Supplier;

/**
 * Where a plugin component's optional DS reference to {@link ClusterObjects} lands; the instances a
 * plugin makes for profiles ({@code withArgs}) share it, so they see the informers come and go.
 */
final class ClusterObjectsRef implements Supplier<ClusterObjects> {
  private volatile ClusterObjects objects;

  ClusterObjectsRef(ClusterObjects objects) {
    this.objects = objects;
  }

  @Override
  public ClusterObjects get() {
    return objects;
  }

  void bind(ClusterObjects o) {
    objects = o;
  }

  void unbind(ClusterObjects o) {
    if (objects == o) {
      objects = ClusterObjects.NONE;
    }
  }
}
