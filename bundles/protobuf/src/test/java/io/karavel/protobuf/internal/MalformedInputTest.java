package io.karavel.protobuf.internal;

import static io.karavel.protobuf.internal.GoStyle.body;
import static io.karavel.protobuf.internal.GoStyle.json;
import static io.karavel.protobuf.internal.GoStyle.meta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.karavel.protobuf.ProtobufException;
import io.karavel.protobuf.ProtobufException.Reason;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Bodies and objects that cannot be converted fail with a reason and a readable message. */
class MalformedInputTest {

  private final KubeProtobufCodec codec = new KubeProtobufCodec();

  private AbstractThrowableAssert<?, ?> assertDecodeFails(byte[] body, Reason reason) {
    return assertThatThrownBy(() -> codec.decode(body))
        .isInstanceOf(ProtobufException.class)
        .satisfies(e -> assertThat(((ProtobufException) e).reason()).isEqualTo(reason));
  }

  private AbstractThrowableAssert<?, ?> assertEncodeFails(String object, Reason reason) {
    return assertThatThrownBy(() -> codec.encode(json(object)))
        .isInstanceOf(ProtobufException.class)
        .satisfies(e -> assertThat(((ProtobufException) e).reason()).isEqualTo(reason));
  }

  private static byte[] configMapBody() {
    return body(
        "v1", "ConfigMap", V1.ConfigMap.newBuilder().setMetadata(meta("x", "default")).build());
  }

  @Test
  void bodiesWithoutTheMagic() {
    assertDecodeFails(null, Reason.BAD_MAGIC);
    assertDecodeFails(new byte[0], Reason.BAD_MAGIC);
    assertDecodeFails("k8s".getBytes(StandardCharsets.US_ASCII), Reason.BAD_MAGIC);
    assertDecodeFails("{\"kind\":\"ConfigMap\"}".getBytes(StandardCharsets.UTF_8), Reason.BAD_MAGIC)
        .hasMessageContaining("k8s\\0");
  }

  @Test
  void anEnvelopeWithoutKind() {
    assertDecodeFails(new byte[] {'k', '8', 's', 0}, Reason.MALFORMED)
        .hasMessageContaining("no kind");
  }

  @Test
  void unknownKindsAndVersions() {
    V1.ConfigMap cm = V1.ConfigMap.getDefaultInstance();
    assertDecodeFails(body("apps/v1", "Gadget", cm), Reason.UNKNOWN_KIND)
        .hasMessage("no protobuf message is known for kind \"Gadget\" in version \"apps/v1\"");
    assertDecodeFails(body("v1", "Deployment", cm), Reason.UNKNOWN_KIND);
    // Same short name, another group: must not be taken for apps/v1.
    assertDecodeFails(body("apps.example.com/v1", "Deployment", cm), Reason.UNKNOWN_KIND);
    assertDecodeFails(body("apps/v9", "Deployment", cm), Reason.UNKNOWN_KIND);
    assertDecodeFails(body("../v1", "Deployment", cm), Reason.UNKNOWN_KIND);
    assertDecodeFails(body("", "ConfigMap", cm), Reason.UNKNOWN_KIND);
    assertThat(codec.supports("apps/v1", "Deployment")).isTrue();
    assertThat(codec.supports("apps.example.com/v1", "Deployment")).isFalse();
  }

  @Test
  void truncatedBodies() {
    byte[] whole = configMapBody();
    assertDecodeFails(Arrays.copyOf(whole, whole.length - 3), Reason.MALFORMED);
    ByteString raw =
        V1.ConfigMap.newBuilder().setMetadata(meta("x", "default")).build().toByteString();
    assertDecodeFails(body("v1", "ConfigMap", raw.substring(0, raw.size() - 2)), Reason.MALFORMED)
        .hasMessageContaining("malformed protobuf");
  }

  @Test
  void aWireTypeThatDoesNotMatchTheField() {
    // Field 1 of a Deployment is its metadata (length-delimited), not a varint.
    byte[] raw = {0x08, 0x01};
    assertDecodeFails(body("apps/v1", "Deployment", ByteString.copyFrom(raw)), Reason.MALFORMED)
        .hasMessageContaining("k8s.io.api.apps.v1.Deployment.metadata")
        .hasMessageContaining("wire type 0");
  }

  @Test
  void fieldsTheSchemaDoesNotKnowAreSkipped() {
    // Go's generated decoder skips unknown fields too; a newer client may send them.
    ByteString raw =
        V1.ConfigMap.newBuilder()
            .setMetadata(meta("x", "default"))
            .build()
            .toByteString()
            .concat(ByteString.copyFrom(new byte[] {(byte) 0xf8, 0x06, 0x07})); // field 111 = 7
    assertThat(codec.decode(body("v1", "ConfigMap", raw)).toString())
        .isEqualTo(
            "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\","
                + "\"namespace\":\"default\",\"creationTimestamp\":null}}");
  }

  @Test
  void valuesGoWouldRefuse() {
    V1.ServicePort badPort =
        V1.ServicePort.newBuilder()
            .setPort(80)
            .setTargetPort(IntStr.IntOrString.newBuilder().setType(2).setIntVal(1))
            .build();
    assertDecodeFails(
            body(
                "v1",
                "Service",
                V1.Service.newBuilder()
                    .setSpec(V1.ServiceSpec.newBuilder().addPorts(badPort))
                    .build()),
            Reason.MALFORMED)
        .hasMessageContaining("IntOrString");
    V1.ResourceQuota quota =
        V1.ResourceQuota.newBuilder()
            .setSpec(
                V1.ResourceQuotaSpec.newBuilder()
                    .putHard("cpu", Resource.Quantity.newBuilder().setString("lots").build()))
            .build();
    assertDecodeFails(body("v1", "ResourceQuota", quota), Reason.MALFORMED)
        .hasMessageContaining("invalid quantity \"lots\"");
    V1.ConfigMap notJson =
        V1.ConfigMap.newBuilder()
            .setMetadata(
                meta("x", "default")
                    .addManagedFields(
                        Meta.ManagedFieldsEntry.newBuilder()
                            .setFieldsV1(
                                Meta.FieldsV1.newBuilder()
                                    .setRaw(ByteString.copyFromUtf8("{not json")))))
            .build();
    assertDecodeFails(body("v1", "ConfigMap", notJson), Reason.MALFORMED)
        .hasMessageContaining("not JSON");
  }

  @Test
  void aContentEncodingIsRefused() {
    Runtime.Unknown gzip =
        Runtime.Unknown.newBuilder()
            .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion("v1").setKind("ConfigMap"))
            .setContentEncoding("gzip")
            .build();
    byte[] body =
        ByteString.copyFrom(new byte[] {'k', '8', 's', 0})
            .concat(gzip.toByteString())
            .toByteArray();
    assertDecodeFails(body, Reason.MALFORMED).hasMessageContaining("gzip");
  }

  @Test
  void objectsThatCannotBeEncoded() {
    assertThatThrownBy(() -> codec.encode(json("[1,2]")))
        .isInstanceOf(ProtobufException.class)
        .hasMessageContaining("JSON object");
    assertEncodeFails("{\"metadata\":{\"name\":\"x\"}}", Reason.UNKNOWN_KIND);
    assertEncodeFails(
            "{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\",\"spec\":{\"replicas\":\"two\"}}",
            Reason.INVALID_OBJECT)
        .hasMessage("spec.replicas: expected a 32-bit integer, got \"two\"");
    assertEncodeFails(
            "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"creationTimestamp\":\"yesterday\"}}",
            Reason.INVALID_OBJECT)
        .hasMessageContaining("metadata.creationTimestamp")
        .hasMessageContaining("RFC 3339");
    assertEncodeFails(
            "{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"data\":{\"k\":\"not base64!\"}}",
            Reason.INVALID_OBJECT)
        .hasMessageContaining("data[k]");
    assertEncodeFails(
            "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"spec\":{\"containers\":{\"name\":\"a\"}}}",
            Reason.INVALID_OBJECT)
        .hasMessageContaining("spec.containers: expected an array");
  }

  @Test
  void fieldsTheSchemaDoesNotKnowAreLeftOutOfTheBytes() {
    byte[] body =
        codec.encode(
            json(
                "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\"},"
                    + "\"data\":{\"a\":\"b\"},\"futureField\":{\"x\":1}}"));
    assertThat(codec.decode(body).has("futureField")).isFalse();
    assertThat(codec.decode(body).at("/data/a").asText()).isEqualTo("b");
  }

  @Test
  void recognisesTheMediaType() {
    assertThat(codec.isProtobuf("application/vnd.kubernetes.protobuf")).isTrue();
    assertThat(codec.isProtobuf("Application/VND.Kubernetes.Protobuf; charset=utf-8")).isTrue();
    assertThat(codec.isProtobuf("application/vnd.kubernetes.protobuf;stream=watch")).isTrue();
    assertThat(codec.isProtobuf("application/json")).isFalse();
    assertThat(codec.isProtobuf("application/vnd.kubernetes.protobuf+json")).isFalse();
    assertThat(codec.isProtobuf("")).isFalse();
    assertThat(codec.isProtobuf(null)).isFalse();
  }

  @Test
  void deploymentIsKnownAcrossItsVersions() {
    assertThat(codec.supports("apps/v1", "Deployment")).isTrue();
    assertThat(codec.supports("apps/v1beta2", "Deployment")).isTrue();
    assertThat(
            codec
                .decode(body("apps/v1", "Deployment", V1Apps.Deployment.getDefaultInstance()))
                .get("kind")
                .asText())
        .isEqualTo("Deployment");
  }
}
