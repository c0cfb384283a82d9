package io.karavel.scheduler.plugins.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.Plugin;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.PreScorePlugin;
import io.karavel.scheduler.spi.ScorePlugin;
import io.karavel.scheduler.spi.StateData;
import io.karavel.scheduler.spi.Status;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Prefers nodes that already have the pod's images: the sum of the image sizes present, each scaled
 * by the share of nodes that have it, mapped between 23 MB and 1000 MB per container to 0..100.
 */
@Component(service = Plugin.class, property = Plugin.NAME + "=" + ImageLocality.NAME)
public final class ImageLocality implements PreScorePlugin, ScorePlugin {
  public static final String NAME = "ImageLocality";
  static final long MB = 1024 * 1024;
  static final long MIN_THRESHOLD = 23 * MB;
  static final long MAX_CONTAINER_THRESHOLD = 1000 * MB;

  private static final String KEY = "PreScore" + NAME;

  /** The pod's images, normalized once per cycle. */
  private record Images(List<String> names) implements StateData {
    @Override
    public StateData copy() {
      return this;
    }
  }

  @Override
  public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
    List<Container> containers =
        new ArrayList<>(Matching.nullSafe(pod.pod().getSpec().getInitContainers()));
    containers.addAll(Matching.nullSafe(pod.pod().getSpec().getContainers()));
    state.write(KEY, new Images(containers.stream().map(c -> normalized(c.getImage())).toList()));
    return Status.success();
  }

  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    NodeSnapshot snapshot = state.snapshot();
    int total = snapshot.nodes().size();
    Images images = state.read(KEY);
    if (images == null) {
      preScore(state, pod, List.of());
      images = state.read(KEY);
    }
    long sum = 0;
    for (String image : images.names()) {
      Long size = node.imageSizes().get(image);
      if (size != null && total > 0) {
        sum += (long) (size * ((double) snapshot.imageNumNodes(image) / total));
      }
    }
    long max = MAX_CONTAINER_THRESHOLD * images.names().size();
    if (sum < MIN_THRESHOLD) {
      sum = MIN_THRESHOLD;
    } else if (sum > max) {
      sum = max;
    }
    return max <= MIN_THRESHOLD
        ? 0
        : MAX_NODE_SCORE * (sum - MIN_THRESHOLD) / (max - MIN_THRESHOLD);
  }

  /** Adds {@code :latest} when the image names no tag or digest, as upstream. */
  static String normalized(String image) {
    if (image == null) {
      return "";
    }
    int slash = image.lastIndexOf('/');
    String last = image.substring(slash + 1);
    return last.contains(":") || last.contains("@") ? image : image + ":latest";
  }
}
