package io.karavel.api.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a create stores: prepareForCreate then applyDefaults, as the API server calls them. */
class DefaultingTest {

  static ObjectNode create(ResourceStrategy s, String json) {
    ObjectNode o = Json.parse(json);
    s.prepareForCreate(o);
    s.applyDefaults(o);
    return o;
  }

  @Test
  void minimalPod() {
    ObjectNode pod =
        create(
            new PodStrategy(),
            "{'metadata':{'name':'web'},'spec':{'containers':[{'name':'web','image':'nginx',"
                + "'ports':[{'containerPort':80}]}]}}");
    assertThat(pod)
        .isEqualTo(
            Json.parse(
                "{'metadata':{'name':'web'},'spec':{'containers':[{'name':'web','image':'nginx',"
                    + "'ports':[{'containerPort':80,'protocol':'TCP'}],'imagePullPolicy':'Always',"
                    + "'terminationMessagePath':'/dev/termination-log',"
                    + "'terminationMessagePolicy':'File'}],"
                    + "'enableServiceLinks':true,'dnsPolicy':'ClusterFirst','restartPolicy':'Always',"
                    + "'securityContext':{},'terminationGracePeriodSeconds':30,"
                    + "'schedulerName':'default-scheduler'},"
                    + "'status':{'phase':'Pending','qosClass':'BestEffort'}}"));
  }

  @Test
  void podDefaultingIsIdempotentAndKeepsUserValues() {
    String json =
        "{'metadata':{'name':'web'},'spec':{'restartPolicy':'Never','dnsPolicy':'Default',"
            + "'terminationGracePeriodSeconds':5,'schedulerName':'mine','enableServiceLinks':false,"
            + "'serviceAccount':'robot','containers':[{'name':'web','image':'nginx',"
            + "'imagePullPolicy':'Never','livenessProbe':{'httpGet':{'port':80}}}],"
            + "'volumes':[{'name':'a'},{'name':'b','configMap':{'name':'cm'}},"
            + "{'name':'c','hostPath':{'path':'/tmp'}}]}}";
    ObjectNode once = create(new PodStrategy(), json);
    ObjectNode twice = once.deepCopy();
    new PodStrategy().applyDefaults(twice);
    assertThat(twice).isEqualTo(once);
    ObjectNode spec = (ObjectNode) once.get("spec");
    assertThat(spec.path("restartPolicy").asText()).isEqualTo("Never");
    assertThat(spec.path("dnsPolicy").asText()).isEqualTo("Default");
    assertThat(spec.path("terminationGracePeriodSeconds").asInt()).isEqualTo(5);
    assertThat(spec.path("schedulerName").asText()).isEqualTo("mine");
    assertThat(spec.path("enableServiceLinks").asBoolean()).isFalse();
    assertThat(spec.path("serviceAccountName").asText()).isEqualTo("robot");
    assertThat(spec.at("/containers/0/imagePullPolicy").asText()).isEqualTo("Never");
    assertThat(spec.at("/containers/0/livenessProbe"))
        .isEqualTo(
            Json.parse(
                "{'httpGet':{'port':80,'path':'/','scheme':'HTTP'},'timeoutSeconds':1,"
                    + "'periodSeconds':10,'successThreshold':1,'failureThreshold':3}"));
    assertThat(spec.at("/volumes/0/emptyDir").isObject()).isTrue();
    assertThat(spec.at("/volumes/1/configMap/defaultMode").asInt()).isEqualTo(420);
    assertThat(spec.at("/volumes/2/hostPath/type").asText()).isEmpty();
    assertThat(spec.at("/volumes/2/hostPath/type").isTextual()).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("pullPolicies")
  void imagePullPolicy(String image, String policy) {
    assertThat(PodSpecDefaults.pullPolicyFor(image)).isEqualTo(policy);
  }

  static Stream<Arguments> pullPolicies() {
    return Stream.of(
        Arguments.of("nginx", "Always"),
        Arguments.of("nginx:latest", "Always"),
        Arguments.of("nginx:1.27", "IfNotPresent"),
        Arguments.of("localhost:5000/app", "Always"),
        Arguments.of("localhost:5000/app:v2", "IfNotPresent"),
        Arguments.of("nginx@sha256:abcd", "IfNotPresent"),
        Arguments.of("nginx:latest@sha256:abcd", "Always"));
  }

  static Stream<Arguments> qos() {
    return Stream.of(
        Arguments.of("{}", "BestEffort"),
        Arguments.of("{'limits':{'cpu':'1','memory':'1Gi'}}", "Guaranteed"),
        Arguments.of(
            "{'requests':{'cpu':'1000m','memory':'1Gi'},'limits':{'cpu':'1','memory':'1024Mi'}}",
            "Guaranteed"),
        Arguments.of(
            "{'requests':{'cpu':'500m','memory':'1Gi'},'limits':{'cpu':'1','memory':'1Gi'}}",
            "Burstable"),
        Arguments.of("{'limits':{'cpu':'1'}}", "Burstable"),
        Arguments.of("{'requests':{'memory':'64Mi'}}", "Burstable"),
        Arguments.of("{'requests':{'cpu':'0'}}", "BestEffort"),
        Arguments.of(
            "{'requests':{'example.com/gpu':'1'},'limits':{'example.com/gpu':'1'}}", "BestEffort"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("qos")
  void qosClass(String resources, String expected) {
    ObjectNode pod =
        create(
            new PodStrategy(),
            "{'spec':{'containers':[{'name':'a','image':'x','resources':" + resources + "}]}}");
    assertThat(pod.at("/status/qosClass").asText()).isEqualTo(expected);
  }

  @Test
  void qosCountsInitContainers() {
    ObjectNode pod =
        create(
            new PodStrategy(),
            "{'spec':{'initContainers':[{'name':'i','image':'x'}],'containers':[{'name':'a',"
                + "'image':'x','resources':{'limits':{'cpu':'1','memory':'1Gi'}}}]}}");
    assertThat(pod.at("/status/qosClass").asText()).isEqualTo("Burstable");
  }

  @Test
  void requestsDefaultToLimitsAndQuantitiesAreCanonical() {
    ObjectNode pod =
        create(
            new PodStrategy(),
            "{'spec':{'containers':[{'name':'a','image':'x','resources':{"
                + "'requests':{'memory':'512Mi'},'limits':{'cpu':'1000m','memory':'1.5Gi'}}}]}}");
    assertThat(pod.at("/spec/containers/0/resources"))
        .isEqualTo(
            Json.parse(
                "{'requests':{'memory':'512Mi','cpu':'1'},'limits':{'cpu':'1','memory':'1536Mi'}}"));
  }

  @Test
  void schedulingGatesAddCondition() {
    ObjectNode pod =
        create(
            new PodStrategy(),
            "{'spec':{'schedulingGates':[{'name':'example.com/wait'}],"
                + "'containers':[{'name':'a','image':'x'}]}}");
    assertThat(pod.at("/status/conditions/0/reason").asText()).isEqualTo("SchedulingGated");
    assertThat(pod.at("/status/conditions/0/status").asText()).isEqualTo("False");
  }

  @Test
  void hostNetworkCopiesPorts() {
    ObjectNode pod =
        create(
            new PodStrategy(),
            "{'spec':{'hostNetwork':true,'containers':[{'name':'a','image':'x',"
                + "'ports':[{'containerPort':8080}]}]}}");
    assertThat(pod.at("/spec/containers/0/ports/0/hostPort").asInt()).isEqualTo(8080);
  }

  @Test
  void services() {
    ObjectNode svc =
        create(
            new ServiceStrategy(),
            "{'metadata':{'name':'web'},'spec':{'selector':{'app':'web'},"
                + "'ports':[{'port':80},{'name':'x','port':81,'targetPort':'http','protocol':'UDP'}]}}");
    assertThat(svc)
        .isEqualTo(
            Json.parse(
                "{'metadata':{'name':'web'},'spec':{'selector':{'app':'web'},"
                    + "'ports':[{'port':80,'protocol':'TCP','targetPort':80},"
                    + "{'name':'x','port':81,'targetPort':'http','protocol':'UDP'}],"
                    + "'sessionAffinity':'None','type':'ClusterIP','internalTrafficPolicy':'Cluster'},"
                    + "'status':{'loadBalancer':{}}}"));
    ObjectNode lb =
        create(
            new ServiceStrategy(),
            "{'spec':{'type':'LoadBalancer','clusterIP':'10.96.0.5','sessionAffinity':'ClientIP',"
                + "'ports':[{'port':80}]}}");
    assertThat(lb.get("spec"))
        .isEqualTo(
            Json.parse(
                "{'type':'LoadBalancer','clusterIP':'10.96.0.5','clusterIPs':['10.96.0.5'],"
                    + "'sessionAffinity':'ClientIP','sessionAffinityConfig':{'clientIP':{'timeoutSeconds':10800}},"
                    + "'ports':[{'port':80,'protocol':'TCP','targetPort':80}],'externalTrafficPolicy':'Cluster',"
                    + "'internalTrafficPolicy':'Cluster','allocateLoadBalancerNodePorts':true}"));
    ObjectNode external =
        create(
            new ServiceStrategy(),
            "{'spec':{'type':'ExternalName','externalName':'db.example.com'}}");
    assertThat(external.get("spec").has("internalTrafficPolicy")).isFalse();
  }

  @Test
  void serviceTypeChangeDropsNodePorts() {
    ServiceStrategy s = new ServiceStrategy();
    ObjectNode old =
        create(
            s,
            "{'spec':{'type':'NodePort','clusterIP':'10.96.0.5','ports':[{'port':80,'nodePort':30080}]}}");
    ObjectNode update = old.deepCopy();
    ((ObjectNode) update.get("spec")).put("type", "ClusterIP");
    ((ObjectNode) update.get("spec")).remove("clusterIPs");
    s.prepareForUpdate(update, old);
    s.applyDefaults(update);
    assertThat(update.at("/spec/ports/0").has("nodePort")).isFalse();
    assertThat(update.at("/spec").has("externalTrafficPolicy")).isFalse();
    assertThat(update.at("/spec/clusterIPs/0").asText()).isEqualTo("10.96.0.5");
    assertThat(s.validate(update)).isEmpty();
    assertThat(s.validateUpdate(update, old)).isEmpty();
  }

  @Test
  void namespaces() {
    ObjectNode ns = create(new NamespaceStrategy(), "{'metadata':{'name':'team-a'}}");
    assertThat(ns)
        .isEqualTo(
            Json.parse(
                "{'metadata':{'name':'team-a','labels':{'kubernetes.io/metadata.name':'team-a'}},"
                    + "'spec':{'finalizers':['kubernetes']},'status':{'phase':'Active'}}"));
    ObjectNode own =
        create(
            new NamespaceStrategy(),
            "{'metadata':{'name':'b'},'spec':{'finalizers':['example.com/x']}}");
    assertThat(own.at("/spec/finalizers").toString())
        .isEqualTo("[\"example.com/x\",\"kubernetes\"]");
    ObjectNode update = own.deepCopy();
    ((ObjectNode) update.get("spec")).putArray("finalizers");
    new NamespaceStrategy().prepareForUpdate(update, own);
    assertThat(update.at("/spec/finalizers")).isEqualTo(own.at("/spec/finalizers"));
  }

  @Test
  void secretsFoldStringData() {
    ObjectNode secret =
        create(
            new SecretStrategy(),
            "{'data':{'a':'YQ=='},'stringData':{'b':'héllo','a':'override'}}");
    assertThat(secret)
        .isEqualTo(Json.parse("{'data':{'a':'b3ZlcnJpZGU=','b':'aMOpbGxv'},'type':'Opaque'}"));
  }

  @Test
  void replicationControllers() {
    ObjectNode rc =
        create(
            new ReplicationControllerStrategy(),
            "{'metadata':{'name':'web'},'spec':{'template':{'metadata':{'labels':{'app':'web'}},"
                + "'spec':{'containers':[{'name':'web','image':'nginx:1.27'}]}}}}");
    assertThat(rc.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(rc.at("/spec/selector")).isEqualTo(Json.parse("{'app':'web'}"));
    assertThat(rc.at("/metadata/labels")).isEqualTo(Json.parse("{'app':'web'}"));
    assertThat(rc.at("/spec/template/spec/restartPolicy").asText()).isEqualTo("Always");
    assertThat(rc.at("/spec/template/spec/containers/0/imagePullPolicy").asText())
        .isEqualTo("IfNotPresent");
    assertThat(rc.at("/spec/template/spec").has("enableServiceLinks")).isFalse();
    assertThat(rc.at("/status/replicas").asInt()).isZero();
  }

  @Test
  void volumesAndClaims() {
    ObjectNode pv =
        create(
            new PersistentVolumeStrategy(),
            "{'metadata':{'name':'pv','creationTimestamp':'2024-01-01T00:00:00Z'},"
                + "'spec':{'capacity':{'storage':'1024Mi'},'hostPath':{'path':'/data'}}}");
    assertThat(pv.at("/spec/persistentVolumeReclaimPolicy").asText()).isEqualTo("Retain");
    assertThat(pv.at("/spec/volumeMode").asText()).isEqualTo("Filesystem");
    assertThat(pv.at("/spec/capacity/storage").asText()).isEqualTo("1Gi");
    assertThat(pv.get("status"))
        .isEqualTo(
            Json.parse("{'phase':'Pending','lastPhaseTransitionTime':'2024-01-01T00:00:00Z'}"));
    ObjectNode pvc =
        create(
            new PersistentVolumeClaimStrategy(),
            "{'spec':{'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'1000Mi'}}}}");
    assertThat(pvc.at("/spec/volumeMode").asText()).isEqualTo("Filesystem");
    assertThat(pvc.at("/status/phase").asText()).isEqualTo("Pending");
  }

  @Test
  void limitRanges() {
    ObjectNode lr =
        create(
            new LimitRangeStrategy(),
            "{'spec':{'limits':[{'type':'Container','max':{'cpu':'2'},'min':{'memory':'64Mi'},"
                + "'default':{'memory':'256Mi'}},{'type':'Pod','max':{'cpu':'4'}}]}}");
    assertThat(lr.at("/spec/limits/0"))
        .isEqualTo(
            Json.parse(
                "{'type':'Container','max':{'cpu':'2'},'min':{'memory':'64Mi'},"
                    + "'default':{'memory':'256Mi','cpu':'2'},"
                    + "'defaultRequest':{'memory':'256Mi','cpu':'2'}}"));
    assertThat(lr.at("/spec/limits/1")).isEqualTo(Json.parse("{'type':'Pod','max':{'cpu':'4'}}"));
  }

  @Test
  void nodes() {
    ObjectNode node =
        create(
            new NodeStrategy(),
            "{'spec':{'podCIDR':'10.244.1.0/24'},'status':{'capacity':{'cpu':'4','memory':'8388608Ki'}}}");
    assertThat(node.at("/spec/podCIDRs").toString()).isEqualTo("[\"10.244.1.0/24\"]");
    assertThat(node.at("/status/allocatable")).isEqualTo(node.at("/status/capacity"));
    assertThat(node.at("/status/capacity/memory").asText()).isEqualTo("8Gi");
  }

  @Test
  void endpointPortsDefaultToTcp() {
    ObjectNode ep =
        create(
            new EndpointsStrategy(),
            "{'subsets':[{'addresses':[{'ip':'10.0.0.1'}],'ports':[{'port':80}]}]}");
    assertThat(ep.at("/subsets/0/ports/0/protocol").asText()).isEqualTo("TCP");
  }
}
