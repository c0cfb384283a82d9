package io.karavel.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Converts between Kubernetes protobuf bodies (the bytes {@code k8s\0} followed by a {@code
 * runtime.Unknown} message wrapping the typed message) and the JSON form of the same object.
 *
 * <p>The JSON form is what kube-apiserver would produce for the object: {@code decode(body)} equals
 * Go's {@code json.Marshal} of the object Go's protobuf decoder reads from {@code body} ({@code
 * kind} and {@code apiVersion} first, zero values left out where the Go field is {@code omitempty},
 * {@code creationTimestamp: null}, {@code resources: {}}, Secret data in base64, IntOrString as
 * number or string, Quantity as its string). Implementations are thread-safe.
 */
public interface KubeProtobuf {

  /** The media type of Kubernetes protobuf bodies. */
  String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

  /**
   * Whether a Content-Type (or one Accept entry) names Kubernetes protobuf; parameters and case are
   * ignored, {@code null} is not protobuf.
   */
  boolean isProtobuf(String contentType);

  /**
   * Whether {@link #decode} and {@link #encode} know the kind, e.g. {@code ("apps/v1",
   * "Deployment")}.
   */
  boolean supports(String apiVersion, String kind);

  /**
   * Decodes a protobuf body into the object's JSON tree, {@code kind} and {@code apiVersion}
   * included.
   *
   * @throws ProtobufException when the magic is missing, the kind is unknown or the bytes are not a
   *     valid message of that kind
   */
  ObjectNode decode(byte[] body);

  /**
   * Encodes a JSON object (with {@code apiVersion} and {@code kind}) as a protobuf body, as Go's
   * protobuf serializer writes it. Fields the protobuf schema does not know are left out.
   *
   * @throws ProtobufException when the kind is unknown or a field has a value of the wrong type
   */
  byte[] encode(JsonNode object);

  /**
   * Encodes one frame of a protobuf watch stream ({@code application/vnd.kubernetes.protobuf;
   * stream=watch}): a 4-byte big-endian length, then a {@code metav1.WatchEvent} message without
   * magic or envelope, whose {@code object} holds the full protobuf body ({@link #encode}) of the
   * event's object.
   *
   * @param type {@code ADDED}, {@code MODIFIED}, {@code DELETED}, {@code BOOKMARK} or {@code ERROR}
   * @param object the event's object, e.g. a Pod, or a {@code Status} for {@code ERROR}
   * @throws ProtobufException as {@link #encode}
   */
  byte[] encodeWatchFrame(String type, JsonNode object);
}
