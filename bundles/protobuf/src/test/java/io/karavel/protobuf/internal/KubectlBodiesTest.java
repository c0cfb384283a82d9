package io.karavel.protobuf.internal;

import static io.karavel.protobuf.internal.GoStyle.body;
import static io.karavel.protobuf.internal.GoStyle.container;
import static io.karavel.protobuf.internal.GoStyle.json;
import static io.karavel.protobuf.internal.GoStyle.meta;
import static io.karavel.protobuf.internal.GoStyle.podSpec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Batch;
import org.junit.jupiter.api.Test;

/**
 * Bodies built as kubectl's Go code writes them decode to the JSON kube-apiserver would show for
 * the same object, and encode back to the same bytes.
 */
class KubectlBodiesTest {

  private final KubeProtobufCodec codec = new KubeProtobufCodec();

  /** Decodes, compares with the expected JSON (key order included) and re-encodes. */
  private ObjectNode assertDecodes(byte[] body, String expectedJson) {
    ObjectNode decoded = codec.decode(body);
    JsonNode expected = json(expectedJson);
    assertThat(decoded).isEqualTo(expected);
    assertThat(decoded.toString()).isEqualTo(expected.toString());
    assertThat(codec.encode(decoded)).as("re-encoded bytes").isEqualTo(body);
    return decoded;
  }

  private static V1Apps.Deployment.Builder webDeployment() {
    return V1Apps.Deployment.newBuilder()
        .setMetadata(meta("web", "default").putLabels("app", "web"))
        .setSpec(
            V1Apps.DeploymentSpec.newBuilder()
                .setReplicas(2)
                .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))
                .setTemplate(
                    V1.PodTemplateSpec.newBuilder()
                        .setMetadata(meta("", "").putLabels("app", "web"))
                        .setSpec(podSpec("", container("nginx", "nginx"))))
                .setStrategy(V1Apps.DeploymentStrategy.newBuilder().setType(""))
                .setMinReadySeconds(0)
                .setPaused(false))
        .setStatus(
            V1Apps.DeploymentStatus.newBuilder()
                .setObservedGeneration(0)
                .setReplicas(0)
                .setUpdatedReplicas(0)
                .setAvailableReplicas(0)
                .setUnavailableReplicas(0)
                .setReadyReplicas(0));
  }

  private static final String WEB_DEPLOYMENT =
      """
      {"kind":"Deployment","apiVersion":"apps/v1",
       "metadata":{"name":"web","namespace":"default","creationTimestamp":null,"labels":{"app":"web"}},
       "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
        "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},
         "spec":{"containers":[{"name":"nginx","image":"nginx","resources":{}}]}},
        "strategy":{}},
       "status":{}}
      """;

  @Test
  void deploymentAsCreateDeploymentSendsIt() {
    // kubectl create deployment web --image=nginx --replicas=2
    assertDecodes(body("apps/v1", "Deployment", webDeployment().build()), WEB_DEPLOYMENT);
  }

  @Test
  void sparseEncodingOfTheSameObjectGivesTheSameJson() {
    // Another writer may leave zero value fields out: Go reads them as zero all the same.
    V1Apps.Deployment sparse =
        V1Apps.Deployment.newBuilder()
            .setMetadata(
                Meta.ObjectMeta.newBuilder()
                    .setName("web")
                    .setNamespace("default")
                    .putLabels("app", "web"))
            .setSpec(
                V1Apps.DeploymentSpec.newBuilder()
                    .setReplicas(2)
                    .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))
                    .setTemplate(
                        V1.PodTemplateSpec.newBuilder()
                            .setMetadata(Meta.ObjectMeta.newBuilder().putLabels("app", "web"))
                            .setSpec(
                                V1.PodSpec.newBuilder()
                                    .addContainers(
                                        V1.Container.newBuilder()
                                            .setName("nginx")
                                            .setImage("nginx")))))
            .build();
    ObjectNode decoded = codec.decode(body("apps/v1", "Deployment", sparse));
    assertThat(decoded.toString()).isEqualTo(json(WEB_DEPLOYMENT).toString());
    // Encoding writes Go's full form again.
    assertThat(codec.encode(decoded))
        .isEqualTo(body("apps/v1", "Deployment", webDeployment().build()));
  }

  @Test
  void zeroPointersAreKeptAndZeroValuesDropped() {
    V1Apps.Deployment.Builder d = webDeployment();
    d.getSpecBuilder().setReplicas(0).setRevisionHistoryLimit(0);
    d.getSpecBuilder()
        .getTemplateBuilder()
        .getSpecBuilder()
        .setAutomountServiceAccountToken(false)
        .setHostNetwork(false)
        .setTerminationGracePeriodSeconds(0);
    ObjectNode decoded = codec.decode(body("apps/v1", "Deployment", d.build()));
    assertThat(decoded.at("/spec/replicas").isInt()).isTrue();
    assertThat(decoded.at("/spec/replicas").intValue()).isZero();
    assertThat(decoded.at("/spec/revisionHistoryLimit").intValue()).isZero();
    JsonNode pod = decoded.at("/spec/template/spec");
    assertThat(pod.get("automountServiceAccountToken").booleanValue()).isFalse();
    assertThat(pod.get("terminationGracePeriodSeconds").intValue()).isZero();
    assertThat(pod.has("hostNetwork")).as("value bool with omitempty").isFalse();
    assertThat(decoded.at("/metadata").has("generation")).isFalse();
  }

  @Test
  void secretDataIsBase64() {
    // kubectl create secret generic s --from-literal=password=s3cr3t
    V1.Secret secret =
        V1.Secret.newBuilder()
            .setMetadata(meta("s", "default"))
            .putData("password", ByteString.copyFromUtf8("s3cr3t"))
            .setType("")
            .build();
    assertDecodes(
        body("v1", "Secret", secret),
        """
        {"kind":"Secret","apiVersion":"v1",
         "metadata":{"name":"s","namespace":"default","creationTimestamp":null},
         "data":{"password":"czNjcjN0"}}
        """);
  }

  private static V1.ServicePort.Builder port(String name, int port, IntStr.IntOrString target) {
    return V1.ServicePort.newBuilder()
        .setName(name)
        .setProtocol("TCP")
        .setPort(port)
        .setTargetPort(target)
        .setNodePort(0);
  }

  @Test
  void serviceTargetPortIsANumberOrAName() {
    // kubectl create service clusterip svc --tcp=80:8080, plus a port aimed at a named port
    V1.Service service =
        V1.Service.newBuilder()
            .setMetadata(meta("svc", "default").putLabels("app", "svc"))
            .setSpec(
                V1.ServiceSpec.newBuilder()
                    .addPorts(
                        port(
                            "80-8080",
                            80,
                            IntStr.IntOrString.newBuilder()
                                .setType(0)
                                .setIntVal(8080)
                                .setStrVal("")
                                .build()))
                    .addPorts(
                        port(
                            "metrics",
                            9090,
                            IntStr.IntOrString.newBuilder()
                                .setType(1)
                                .setIntVal(0)
                                .setStrVal("metrics")
                                .build()))
                    .putSelector("app", "svc")
                    .setClusterIP("")
                    .setType("ClusterIP")
                    .setSessionAffinity("")
                    .setLoadBalancerIP("")
                    .setExternalName("")
                    .setExternalTrafficPolicy("")
                    .setHealthCheckNodePort(0)
                    .setPublishNotReadyAddresses(false))
            .setStatus(
                V1.ServiceStatus.newBuilder()
                    .setLoadBalancer(V1.LoadBalancerStatus.getDefaultInstance()))
            .build();
    assertDecodes(
        body("v1", "Service", service),
        """
        {"kind":"Service","apiVersion":"v1",
         "metadata":{"name":"svc","namespace":"default","creationTimestamp":null,"labels":{"app":"svc"}},
         "spec":{"ports":[
           {"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080},
           {"name":"metrics","protocol":"TCP","port":9090,"targetPort":"metrics"}],
          "selector":{"app":"svc"},"type":"ClusterIP"},
         "status":{"loadBalancer":{}}}
        """);
  }

  @Test
  void selfSubjectAccessReviewAsAuthCanISendsIt() {
    // kubectl auth can-i create pods -n default
    V1Authorization.SelfSubjectAccessReview review =
        V1Authorization.SelfSubjectAccessReview.newBuilder()
            .setMetadata(meta("", ""))
            .setSpec(
                V1Authorization.SelfSubjectAccessReviewSpec.newBuilder()
                    .setResourceAttributes(
                        V1Authorization.ResourceAttributes.newBuilder()
                            .setNamespace("default")
                            .setVerb("create")
                            .setGroup("")
                            .setVersion("")
                            .setResource("pods")
                            .setSubresource("")
                            .setName("")))
            .setStatus(
                V1Authorization.SubjectAccessReviewStatus.newBuilder()
                    .setAllowed(false)
                    .setReason("")
                    .setEvaluationError("")
                    .setDenied(false))
            .build();
    assertDecodes(
        body("authorization.k8s.io/v1", "SelfSubjectAccessReview", review),
        """
        {"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1",
         "metadata":{"creationTimestamp":null},
         "spec":{"resourceAttributes":{"namespace":"default","verb":"create","resource":"pods"}},
         "status":{"allowed":false}}
        """);
  }

  @Test
  void cronJobAsCreateCronJobSendsIt() {
    // kubectl create cronjob cj --image=busybox --schedule="*/5 * * * *" -- date
    V1Batch.CronJob cronJob =
        V1Batch.CronJob.newBuilder()
            .setMetadata(meta("cj", "default"))
            .setSpec(
                V1Batch.CronJobSpec.newBuilder()
                    .setSchedule("*/5 * * * *")
                    .setConcurrencyPolicy("")
                    .setJobTemplate(
                        V1Batch.JobTemplateSpec.newBuilder()
                            .setMetadata(meta("cj", ""))
                            .setSpec(
                                V1Batch.JobSpec.newBuilder()
                                    .setTemplate(
                                        V1.PodTemplateSpec.newBuilder()
                                            .setMetadata(meta("", ""))
                                            .setSpec(
                                                podSpec(
                                                    "OnFailure",
                                                    container("cj", "busybox")
                                                        .addCommand("date")))))))
            .setStatus(V1Batch.CronJobStatus.getDefaultInstance())
            .build();
    assertDecodes(
        body("batch/v1", "CronJob", cronJob),
        """
        {"kind":"CronJob","apiVersion":"batch/v1",
         "metadata":{"name":"cj","namespace":"default","creationTimestamp":null},
         "spec":{"schedule":"*/5 * * * *",
          "jobTemplate":{"metadata":{"name":"cj","creationTimestamp":null},
           "spec":{"template":{"metadata":{"creationTimestamp":null},
            "spec":{"containers":[{"name":"cj","image":"busybox","command":["date"],"resources":{}}],
             "restartPolicy":"OnFailure"}}}}},
         "status":{}}
        """);
  }

  @Test
  void configMapAsCreateConfigMapSendsIt() {
    // kubectl create configmap x --from-literal=a=b --from-literal=empty=
    V1.ConfigMap configMap =
        V1.ConfigMap.newBuilder()
            .setMetadata(meta("x", "default"))
            .putData("a", "b")
            .putData("empty", "")
            .build();
    assertDecodes(
        body("v1", "ConfigMap", configMap),
        """
        {"kind":"ConfigMap","apiVersion":"v1",
         "metadata":{"name":"x","namespace":"default","creationTimestamp":null},
         "data":{"a":"b","empty":""}}
        """);
  }
}
