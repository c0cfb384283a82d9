package io.karavel.protobuf.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import io.karavel.protobuf.KubeProtobuf;
import io.karavel.protobuf.ProtobufException;
import io.karavel.protobuf.ProtobufException.Reason;
import io.kubernetes.client.proto.Meta.WatchEvent;
import io.kubernetes.client.proto.Runtime.RawExtension;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;

/**
 * {@link KubeProtobuf} over the message descriptors of client-java-proto and the Go JSON facts of
 * {@link GoJsonShapes}. Descriptors and plans are built on first use (loading the generated classes
 * takes a moment) and then kept.
 */
@Component(service = KubeProtobuf.class)
public final class KubeProtobufCodec implements KubeProtobuf {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Built on first use, so bundle activation stays cheap. */
  private static final class Parts {
    static final Parts INSTANCE = new Parts();

    final KindRegistry kinds = new KindRegistry(KubeProtobufCodec.class.getClassLoader());
    final Plans plans = new Plans(GoJsonShapes.load());
    final WireDecoder decoder = new WireDecoder(plans, MAPPER, KubeProtobufCodec::decodeBody);
    final JsonEncoder encoder = new JsonEncoder(plans, MAPPER);
  }

  @Override
  public boolean isProtobuf(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semi = contentType.indexOf(';');
    String base = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
    return base.toLowerCase(Locale.ROOT).equals(MEDIA_TYPE);
  }

  @Override
  public boolean supports(String apiVersion, String kind) {
    return Parts.INSTANCE.kinds.find(apiVersion, kind).isPresent();
  }

  @Override
  public ObjectNode decode(byte[] body) {
    return decodeBody(body);
  }

  private static ObjectNode decodeBody(byte[] body) {
    Envelope envelope = Envelope.open(body);
    Descriptor d = descriptor(envelope.apiVersion(), envelope.kind());
    Parts parts = Parts.INSTANCE;
    JsonNode object = parts.decoder.decode(parts.plans.of(d), envelope.raw());
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    // Go's TypeMeta comes first, kind before apiVersion.
    out.put("kind", envelope.kind());
    if (!envelope.apiVersion().isEmpty()) {
      out.put("apiVersion", envelope.apiVersion());
    }
    if (object instanceof ObjectNode o) {
      o.remove("kind");
      o.remove("apiVersion");
      out.setAll(o);
    }
    return out;
  }

  @Override
  public byte[] encode(JsonNode object) {
    if (object == null || !object.isObject()) {
      throw new ProtobufException(Reason.INVALID_OBJECT, "only a JSON object can be encoded");
    }
    String apiVersion = object.path("apiVersion").asText("");
    String kind = object.path("kind").asText("");
    Descriptor d = descriptor(apiVersion, kind);
    Parts parts = Parts.INSTANCE;
    var message = parts.encoder.encode(parts.plans.of(d), object, "");
    return new Envelope(apiVersion, kind, message.toByteString()).seal();
  }

  @Override
  public byte[] encodeWatchFrame(String type, JsonNode object) {
    // Upstream's stream serializer writes the event raw; only the embedded object is enveloped.
    WatchEvent event =
        WatchEvent.newBuilder()
            .setType(type)
            .setObject(RawExtension.newBuilder().setRaw(ByteString.copyFrom(encode(object))))
            .build();
    int size = event.getSerializedSize();
    byte[] frame = new byte[4 + size];
    ByteBuffer.wrap(frame).putInt(size);
    try {
      event.writeTo(CodedOutputStream.newInstance(frame, 4, size));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write into a sized array", e);
    }
    return frame;
  }

  private static Descriptor descriptor(String apiVersion, String kind) {
    return Parts.INSTANCE
        .kinds
        .find(apiVersion, kind)
        .orElseThrow(
            () ->
                new ProtobufException(
                    Reason.UNKNOWN_KIND,
                    "no protobuf message is known for kind \""
                        + kind
                        + "\" in version \""
                        + apiVersion
                        + "\""));
  }
}
