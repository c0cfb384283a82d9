package io.karavel.protobuf.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.karavel.protobuf.ProtobufException;
import io.karavel.protobuf.ProtobufException.Reason;
import io.kubernetes.client.proto.Runtime.TypeMeta;
import io.kubernetes.client.proto.Runtime.Unknown;

/**
 * The outer layer of a Kubernetes protobuf body: the magic {@code k8s\0}, then a {@code
 * runtime.Unknown} carrying apiVersion, kind and the typed message's bytes.
 */
record Envelope(String apiVersion, String kind, ByteString raw) {

  private static final byte[] MAGIC = {'k', '8', 's', 0};

  static boolean hasMagic(byte[] body) {
    if (body == null || body.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (body[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  static Envelope open(byte[] body) {
    if (!hasMagic(body)) {
      throw new ProtobufException(
          Reason.BAD_MAGIC, "the body does not start with the Kubernetes protobuf prefix k8s\\0");
    }
    Unknown unknown;
    try {
      unknown =
          Unknown.parseFrom(ByteString.copyFrom(body, MAGIC.length, body.length - MAGIC.length));
    } catch (InvalidProtocolBufferException e) {
      throw new ProtobufException(
          Reason.MALFORMED, "malformed protobuf envelope: " + e.getMessage(), e);
    }
    if (!unknown.getContentEncoding().isEmpty()) {
      throw new ProtobufException(
          Reason.MALFORMED,
          "unsupported content encoding \"" + unknown.getContentEncoding() + "\" in the envelope");
    }
    String kind = unknown.getTypeMeta().getKind();
    if (kind.isEmpty()) {
      throw new ProtobufException(Reason.MALFORMED, "the protobuf envelope names no kind");
    }
    return new Envelope(unknown.getTypeMeta().getApiVersion(), kind, unknown.getRaw());
  }

  /** The body, written as Go's protobuf serializer writes it (every envelope field present). */
  byte[] seal() {
    Unknown unknown =
        Unknown.newBuilder()
            .setTypeMeta(TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
            .setRaw(raw)
            .setContentEncoding("")
            .setContentType("")
            .build();
    byte[] out = new byte[MAGIC.length + unknown.getSerializedSize()];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    try {
      unknown.writeTo(
          com.google.protobuf.CodedOutputStream.newInstance(
              out, MAGIC.length, out.length - MAGIC.length));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot write into a sized array", e);
    }
    return out;
  }
}
