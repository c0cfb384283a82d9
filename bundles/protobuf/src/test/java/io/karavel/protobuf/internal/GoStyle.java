package io.karavel.protobuf.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Builds messages the way Go's generated protobuf code writes them: every value field present, zero
 * or not, pointers only when set. That is what kubectl puts on the wire.
 */
final class GoStyle {
  private GoStyle() {}

  static final ObjectMapper JSON = new ObjectMapper();

  /** {@code k8s\0} + runtime.Unknown around a typed message, as kubectl sends it. */
  static byte[] body(String apiVersion, String kind, Message message) {
    return body(apiVersion, kind, message.toByteString());
  }

  static byte[] body(String apiVersion, String kind, ByteString raw) {
    Runtime.Unknown unknown =
        Runtime.Unknown.newBuilder()
            .setTypeMeta(
                Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind).build())
            .setRaw(raw)
            .setContentEncoding("")
            .setContentType("")
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'k', '8', 's', 0});
    try {
      unknown.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static Meta.ObjectMeta.Builder meta(String name, String namespace) {
    return Meta.ObjectMeta.newBuilder()
        .setName(name)
        .setGenerateName("")
        .setNamespace(namespace)
        .setSelfLink("")
        .setUid("")
        .setResourceVersion("")
        .setGeneration(0)
        .setCreationTimestamp(Meta.Time.getDefaultInstance());
  }

  static V1.Container.Builder container(String name, String image) {
    return V1.Container.newBuilder()
        .setName(name)
        .setImage(image)
        .setWorkingDir("")
        .setResources(V1.ResourceRequirements.getDefaultInstance())
        .setTerminationMessagePath("")
        .setImagePullPolicy("")
        .setStdin(false)
        .setStdinOnce(false)
        .setTty(false)
        .setTerminationMessagePolicy("");
  }

  static V1.PodSpec.Builder podSpec(String restartPolicy, V1.Container.Builder... containers) {
    V1.PodSpec.Builder spec = V1.PodSpec.newBuilder();
    for (V1.Container.Builder c : containers) {
      spec.addContainers(c);
    }
    return spec.setRestartPolicy(restartPolicy)
        .setDnsPolicy("")
        .setServiceAccountName("")
        .setServiceAccount("")
        .setNodeName("")
        .setHostNetwork(false)
        .setHostPID(false)
        .setHostIPC(false)
        .setHostname("")
        .setSubdomain("")
        .setSchedulerName("")
        .setPriorityClassName("");
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
