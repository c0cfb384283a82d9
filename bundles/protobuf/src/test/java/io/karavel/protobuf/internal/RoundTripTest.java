package io.karavel.protobuf.internal;

import static io.karavel.protobuf.internal.GoStyle.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Objects in the JSON form the API server keeps survive JSON → protobuf → JSON unchanged, special
 * types (times, micro times, quantities, IntOrString, raw JSON, inlined structs) included.
 */
class RoundTripTest {

  private final KubeProtobufCodec codec = new KubeProtobufCodec();

  private static final String POD =
      """
      {"kind":"Pod","apiVersion":"v1",
       "metadata":{"name":"web-1","generateName":"web-","namespace":"default","uid":"6f1c","resourceVersion":"42",
        "creationTimestamp":"2025-01-02T03:04:05Z","deletionTimestamp":"2025-01-02T04:00:00Z","deletionGracePeriodSeconds":30,
        "labels":{"app":"web"},"annotations":{"a":"b"},
        "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-abc","uid":"u2","controller":true,"blockOwnerDeletion":true}],
        "finalizers":["example.com/x"],
        "managedFields":[{"manager":"kubectl-create","operation":"Update","apiVersion":"v1","time":"2025-01-02T03:04:05Z",
          "fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{}}}}}]},
       "spec":{
        "volumes":[{"name":"cfg","configMap":{"name":"web-config","defaultMode":420}},
                   {"name":"data","emptyDir":{"sizeLimit":"1Gi"}}],
        "containers":[{"name":"web","image":"nginx:1.27",
          "ports":[{"name":"http","containerPort":80,"protocol":"TCP"}],
          "env":[{"name":"PASSWORD","valueFrom":{"secretKeyRef":{"name":"db","key":"password","optional":false}}}],
          "resources":{"limits":{"cpu":"500m","memory":"128Mi"},"requests":{"cpu":"250m"}},
          "volumeMounts":[{"name":"cfg","readOnly":true,"mountPath":"/etc/web"}],
          "livenessProbe":{"httpGet":{"path":"/healthz","port":"http","scheme":"HTTP"},
            "initialDelaySeconds":3,"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3},
          "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent",
          "securityContext":{"runAsUser":0,"runAsNonRoot":false}}],
        "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst",
        "serviceAccountName":"default","serviceAccount":"default","nodeName":"node-1","securityContext":{},
        "schedulerName":"default-scheduler",
        "tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],
        "priority":0,"enableServiceLinks":true,"preemptionPolicy":"PreemptLowerPriority"},
       "status":{"phase":"Running",
        "conditions":[{"type":"Ready","status":"True","lastProbeTime":null,"lastTransitionTime":"2025-01-02T03:04:09Z"}],
        "hostIP":"10.0.0.1","podIP":"10.244.0.5","podIPs":[{"ip":"10.244.0.5"}],"startTime":"2025-01-02T03:04:05Z",
        "containerStatuses":[{"name":"web","state":{"running":{"startedAt":"2025-01-02T03:04:08Z"}},"lastState":{},
          "ready":true,"restartCount":0,"image":"nginx:1.27","imageID":"docker-pullable://nginx@sha256:abc",
          "containerID":"docker://123","started":true}],
        "qosClass":"Burstable"}}
      """;

  private void assertRoundTrip(String text) {
    JsonNode object = json(text);
    byte[] body = codec.encode(object);
    JsonNode back = codec.decode(body);
    assertThat(back).isEqualTo(object);
    assertThat(back.toString()).isEqualTo(object.toString());
    assertThat(codec.encode(back)).isEqualTo(body);
  }

  @Test
  void podFromTheServer() {
    assertRoundTrip(POD);
  }

  @Test
  void podBytesCarryTheProtobufForms() throws Exception {
    byte[] body = codec.encode(json(POD));
    V1.Pod pod = V1.Pod.parseFrom(Envelope.open(body).raw());
    assertThat(pod.getMetadata().getCreationTimestamp().getSeconds()).isEqualTo(1735787045L);
    assertThat(pod.getSpec().getContainers(0).getResources().getLimitsMap().get("cpu").getString())
        .isEqualTo("500m");
    assertThat(
            pod.getSpec().getContainers(0).getLivenessProbe().getHandler().getHttpGet().getPort())
        .satisfies(
            port -> {
              assertThat(port.getType()).isEqualTo(1);
              assertThat(port.getStrVal()).isEqualTo("http");
            });
    assertThat(pod.getSpec().getVolumes(0).getVolumeSource().getConfigMap())
        .satisfies(
            cm -> {
              assertThat(cm.getLocalObjectReference().getName()).isEqualTo("web-config");
              assertThat(cm.getDefaultMode()).isEqualTo(420);
            });
    assertThat(pod.getMetadata().getManagedFields(0).getFieldsV1().getRaw().toStringUtf8())
        .isEqualTo("{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}}}");
    assertThat(pod.getSpec().getContainers(0).getSecurityContext().hasRunAsNonRoot()).isTrue();
    assertThat(pod.getSpec().hasActiveDeadlineSeconds()).isFalse();
  }

  @Test
  void eventWithMicroTime() {
    assertRoundTrip(
        """
        {"kind":"Event","apiVersion":"v1",
         "metadata":{"name":"web-1.17a","namespace":"default","creationTimestamp":null},
         "involvedObject":{"kind":"Pod","namespace":"default","name":"web-1","uid":"u1","apiVersion":"v1","resourceVersion":"42"},
         "reason":"Started","message":"Started container web","source":{"component":"kubelet","host":"node-1"},
         "firstTimestamp":"2025-01-02T03:04:05Z","lastTimestamp":"2025-01-02T03:04:06Z","count":2,"type":"Normal",
         "eventTime":"2025-01-02T03:04:05.123456Z","reportingComponent":"kubelet","reportingInstance":"node-1"}
        """);
  }

  @Test
  void statusUnderCoreV1() {
    assertRoundTrip(
        """
        {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
         "message":"deployments.apps \\"web\\" not found","reason":"NotFound",
         "details":{"name":"web","group":"apps","kind":"deployments"},"code":404}
        """);
  }

  @Test
  void deleteOptionsUnderAResourceGroup() {
    assertThat(codec.supports("apps/v1", "DeleteOptions")).isTrue();
    assertRoundTrip(
        """
        {"kind":"DeleteOptions","apiVersion":"apps/v1","gracePeriodSeconds":0,"propagationPolicy":"Background"}
        """);
  }

  @Test
  void horizontalPodAutoscalerWithStatus() {
    assertRoundTrip(
        """
        {"kind":"HorizontalPodAutoscaler","apiVersion":"autoscaling/v1",
         "metadata":{"name":"web","namespace":"default","creationTimestamp":"2025-01-02T03:04:05Z"},
         "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web","apiVersion":"apps/v1"},
          "minReplicas":1,"maxReplicas":3,"targetCPUUtilizationPercentage":50},
         "status":{"observedGeneration":1,"lastScaleTime":"2025-01-02T03:05:00Z","currentReplicas":2,
          "desiredReplicas":3,"currentCPUUtilizationPercentage":80}}
        """);
  }

  @Test
  void watchFrameEnvelopesTheObject() throws Exception {
    JsonNode pod = json(POD);
    byte[] frame = codec.encodeWatchFrame("ADDED", pod);
    int length = ByteBuffer.wrap(frame).getInt();
    assertThat(length).isEqualTo(frame.length - 4);
    Meta.WatchEvent event =
        Meta.WatchEvent.parseFrom(ByteString.copyFrom(frame, 4, frame.length - 4));
    assertThat(event.getType()).isEqualTo("ADDED");
    assertThat(codec.decode(event.getObject().getRaw().toByteArray())).isEqualTo(pod);
  }

  @Test
  void watchEventBodyDecodesItsNestedObject() {
    JsonNode status =
        json(
            """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"too old resource version: 1 (42)","reason":"Expired","code":410}
            """);
    byte[] frame = codec.encodeWatchFrame("ERROR", status);
    byte[] body = GoStyle.body("v1", "WatchEvent", ByteString.copyFrom(frame, 4, frame.length - 4));
    assertThat(codec.decode(body).toString())
        .isEqualTo(
            "{\"kind\":\"WatchEvent\",\"apiVersion\":\"v1\",\"type\":\"ERROR\",\"object\":"
                + status
                + "}");
  }
}
