package io.karavel.api.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.TableDefinition;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CoreTablesTest {
  static final Instant NOW = Instant.parse("2024-01-01T01:00:00Z");
  static final String META = "'metadata':{'name':'x','creationTimestamp':'2024-01-01T00:00:00Z'}";

  static ObjectNode obj(String rest) {
    return Json.parse("{" + META + (rest.isEmpty() ? "" : "," + rest) + "}");
  }

  static List<Object> cells(TableDefinition t, ObjectNode o) {
    List<Object> cells = t.printer().cells(o, NOW);
    assertThat(cells).hasSameSizeAs(t.columns());
    return cells;
  }

  static Stream<Arguments> services() {
    return Stream.of(
        Arguments.of(
            "cluster IP",
            "{'type':'ClusterIP','clusterIP':'10.96.0.10','clusterIPs':['10.96.0.10'],"
                + "'ports':[{'port':80,'protocol':'TCP','targetPort':8080}],'selector':{'app':'web','tier':'fe'}}",
            List.of("ClusterIP", "10.96.0.10", "<none>", "80/TCP", "app=web,tier=fe")),
        Arguments.of(
            "not allocated, no selector",
            "{'type':'ClusterIP','ports':[{'port':53,'protocol':'UDP'},{'port':53,'protocol':'TCP'}]}",
            List.of("ClusterIP", "<none>", "<none>", "53/UDP,53/TCP", "<none>")),
        Arguments.of(
            "headless",
            "{'type':'ClusterIP','clusterIP':'None','clusterIPs':['None'],'selector':{'app':'db'}}",
            List.of("ClusterIP", "None", "<none>", "<none>", "app=db")),
        Arguments.of(
            "external IPs",
            "{'type':'ClusterIP','clusterIPs':['10.96.0.11'],'externalIPs':['1.2.3.4','5.6.7.8'],"
                + "'ports':[{'port':80,'protocol':'TCP'}]}",
            List.of("ClusterIP", "10.96.0.11", "1.2.3.4,5.6.7.8", "80/TCP", "<none>")),
        Arguments.of(
            "node port",
            "{'type':'NodePort','clusterIPs':['10.96.0.12'],"
                + "'ports':[{'port':80,'nodePort':30080,'protocol':'TCP'},{'port':443,'nodePort':30443,'protocol':'TCP'}]}",
            List.of("NodePort", "10.96.0.12", "<none>", "80:30080/TCP,443:30443/TCP", "<none>")),
        Arguments.of(
            "load balancer pending",
            "{'type':'LoadBalancer','clusterIPs':['10.96.0.13'],"
                + "'ports':[{'port':80,'nodePort':31000,'protocol':'TCP'}]}",
            List.of("LoadBalancer", "10.96.0.13", "<pending>", "80:31000/TCP", "<none>")),
        Arguments.of(
            "load balancer with ingress and external IPs",
            "{'type':'LoadBalancer','clusterIPs':['10.96.0.13'],'externalIPs':['9.9.9.9'],"
                + "'ports':[{'port':80,'nodePort':31000,'protocol':'TCP'}]},"
                + "'status':{'loadBalancer':{'ingress':[{'ip':'203.0.113.7'},{'hostname':'lb.example.com'}]}}",
            List.of(
                "LoadBalancer",
                "10.96.0.13",
                "203.0.113.7,lb.example.com,9.9.9.9",
                "80:31000/TCP",
                "<none>")),
        Arguments.of(
            "external name",
            "{'type':'ExternalName','externalName':'db.example.com'}",
            List.of("ExternalName", "<none>", "db.example.com", "<none>", "<none>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void services(String what, String spec, List<String> expected) {
    List<Object> c = cells(CoreTables.SERVICES, obj("'spec':" + spec));
    assertThat(List.of(c.get(1), c.get(2), c.get(3), c.get(4), c.get(6))).isEqualTo(expected);
    assertThat(c.get(0)).isEqualTo("x");
    assertThat(c.get(5)).isEqualTo("60m");
  }

  static Stream<Arguments> nodes() {
    String info =
        "'nodeInfo':{'kubeletVersion':'v1.32.1','osImage':'Debian GNU/Linux 12',"
            + "'kernelVersion':'6.1.0','containerRuntimeVersion':'containerd://1.6.20'}";
    return Stream.of(
        Arguments.of(
            "ready worker",
            "{'metadata':{'name':'n1','creationTimestamp':'2024-01-01T00:00:00Z'},"
                + "'status':{'conditions':[{'type':'MemoryPressure','status':'False'},"
                + "{'type':'Ready','status':'True'}],'addresses':[{'type':'Hostname','address':'n1'},"
                + "{'type':'InternalIP','address':'192.168.1.10'}],"
                + info
                + "}}",
            List.of(
                "n1",
                "Ready",
                "<none>",
                "60m",
                "v1.32.1",
                "192.168.1.10",
                "<none>",
                "Debian GNU/Linux 12",
                "6.1.0",
                "containerd://1.6.20")),
        Arguments.of(
            "cordoned control plane",
            "{'metadata':{'name':'cp','creationTimestamp':'2024-01-01T00:00:00Z',"
                + "'labels':{'node-role.kubernetes.io/control-plane':'','node-role.kubernetes.io/etcd':'',"
                + "'kubernetes.io/role':'master','node-role.kubernetes.io/':'x'}},"
                + "'spec':{'unschedulable':true},"
                + "'status':{'conditions':[{'type':'Ready','status':'False'}],"
                + "'addresses':[{'type':'ExternalIP','address':'203.0.113.1'}]}}",
            List.of(
                "cp",
                "NotReady,SchedulingDisabled",
                "control-plane,etcd,master",
                "60m",
                "",
                "<none>",
                "203.0.113.1",
                "<unknown>",
                "<unknown>",
                "<unknown>")),
        Arguments.of(
            "never reported",
            "{'metadata':{'name':'n2','creationTimestamp':'2024-01-01T00:00:00Z'}}",
            List.of(
                "n2",
                "Unknown",
                "<none>",
                "60m",
                "",
                "<none>",
                "<none>",
                "<unknown>",
                "<unknown>",
                "<unknown>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodes")
  void nodes(String what, String node, List<String> expected) {
    assertThat(cells(CoreTables.NODES, Json.parse(node))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("endpointCases")
  void endpoints(String subsets, String expected) {
    assertThat(cells(CoreTables.ENDPOINTS, obj(subsets)).get(1)).isEqualTo(expected);
  }

  static Stream<Arguments> endpointCases() {
    return Stream.of(
        Arguments.of("", "<none>"),
        Arguments.of(
            "'subsets':[{'addresses':[{'ip':'10.0.0.1'},{'ip':'10.0.0.2'}],'ports':[{'port':80}]}]",
            "10.0.0.1:80,10.0.0.2:80"),
        Arguments.of(
            "'subsets':[{'addresses':[{'ip':'10.0.0.1'},{'ip':'10.0.0.2'},{'ip':'10.0.0.3'},"
                + "{'ip':'10.0.0.4'}],'ports':[{'port':80}]}]",
            "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more..."),
        Arguments.of(
            "'subsets':[{'addresses':[{'ip':'10.0.0.1'},{'ip':'10.0.0.2'}],'ports':[{'port':80},{'port':443}]}]",
            "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more..."),
        Arguments.of(
            "'subsets':[{'addresses':[{'ip':'fd00::1'}],'ports':[{'port':53}]}]", "[fd00::1]:53"),
        Arguments.of("'subsets':[{'addresses':[{'ip':'10.0.0.9'}]}]", "10.0.0.9"),
        Arguments.of(
            "'subsets':[{'notReadyAddresses':[{'ip':'10.0.0.9'}],'ports':[{'port':80}]}]", ""));
  }

  @Test
  void events() {
    ObjectNode legacy =
        obj(
            "'type':'Warning','reason':'BackOff','message':' Back-off restarting failed container \\n',"
                + "'involvedObject':{'kind':'Pod','name':'web-1','fieldPath':'spec.containers{app}'},"
                + "'source':{'component':'kubelet','host':'n1'},'count':7,"
                + "'firstTimestamp':'2024-01-01T00:30:00Z','lastTimestamp':'2024-01-01T00:58:00Z'");
    assertThat(cells(CoreTables.EVENTS, legacy))
        .containsExactly(
            "2m",
            "Warning",
            "BackOff",
            "pod/web-1",
            "spec.containers{app}",
            "kubelet, n1",
            "Back-off restarting failed container",
            "30m",
            7L,
            "x");
    ObjectNode series =
        obj(
            "'type':'Normal','reason':'Scheduled','message':'ok','involvedObject':{'kind':'Node'},"
                + "'reportingComponent':'default-scheduler','eventTime':'2024-01-01T00:50:00.000000Z',"
                + "'series':{'count':4,'lastObservedTime':'2024-01-01T00:59:30.000000Z'}");
    assertThat(cells(CoreTables.EVENTS, series))
        .containsExactly(
            "30s", "Normal", "Scheduled", "node", "", "default-scheduler", "ok", "10m", 4L, "x");
    ObjectNode singleton = obj("'involvedObject':{'kind':'Pod','name':'p'}");
    assertThat(cells(CoreTables.EVENTS, singleton).subList(7, 9)).containsExactly("<unknown>", 1L);
  }

  @Test
  void configMapsSecretsAndServiceAccounts() {
    assertThat(
            cells(
                CoreTables.CONFIG_MAPS, obj("'data':{'a':'1','b':'2'},'binaryData':{'c':'AA=='}")))
        .containsExactly("x", 3L, "60m");
    assertThat(
            cells(
                CoreTables.SECRETS,
                obj("'type':'kubernetes.io/tls','data':{'tls.crt':'','tls.key':''}")))
        .containsExactly("x", "kubernetes.io/tls", 2L, "60m");
    assertThat(cells(CoreTables.SERVICE_ACCOUNTS, obj(""))).containsExactly("x", 0L, "60m");
    assertThat(cells(CoreTables.NAMESPACES, obj("'status':{'phase':'Terminating'}")))
        .containsExactly("x", "Terminating", "60m");
    assertThat(cells(CoreTables.NAME_CREATED_AT, obj("")))
        .containsExactly("x", "2024-01-01T00:00:00Z");
    assertThat(CoreTables.NAME_CREATED_AT.columns().get(1).type()).isEqualTo("date");
  }

  @Test
  void replicationControllers() {
    ObjectNode rc =
        obj(
            "'spec':{'replicas':3,'selector':{'app':'web'},'template':{'spec':{'containers':["
                + "{'name':'a','image':'nginx:1'},{'name':'b','image':'envoy'}]}}},"
                + "'status':{'replicas':3,'readyReplicas':2}");
    assertThat(cells(CoreTables.REPLICATION_CONTROLLERS, rc))
        .containsExactly("x", 3L, 3L, 2L, "60m", "a,b", "nginx:1,envoy", "app=web");
  }

  @Test
  void resourceQuotas() {
    ObjectNode quota =
        obj(
            "'status':{'hard':{'pods':'10','requests.cpu':'1','limits.memory':'2Gi','requests.memory':'1073741824'},"
                + "'used':{'pods':'1','requests.cpu':'500m'}}");
    assertThat(cells(CoreTables.RESOURCE_QUOTAS, quota))
        .containsExactly(
            "x",
            "pods: 1/10, requests.cpu: 500m/1, requests.memory: 0/1073741824",
            "limits.memory: 0/2Gi",
            "60m");
    assertThat(CoreTables.RESOURCE_QUOTAS.columns())
        .extracting(c -> c.name())
        .containsExactly("Name", "Request", "Limit", "Age");
  }

  @Test
  void persistentVolumesAndClaims() {
    ObjectNode pv =
        Json.parse(
            "{'metadata':{'name':'pv1','creationTimestamp':'2024-01-01T00:00:00Z'},"
                + "'spec':{'capacity':{'storage':'10Gi'},'accessModes':['ReadWriteMany','ReadWriteOnce','ReadWriteOnce'],"
                + "'persistentVolumeReclaimPolicy':'Retain','storageClassName':'fast','volumeMode':'Filesystem',"
                + "'claimRef':{'namespace':'default','name':'data'}},'status':{'phase':'Bound'}}");
    assertThat(cells(CoreTables.PERSISTENT_VOLUMES, pv))
        .containsExactly(
            "pv1",
            "10Gi",
            "RWO,RWX",
            "Retain",
            "Bound",
            "default/data",
            "fast",
            "<unset>",
            "",
            "60m",
            "Filesystem");
    ObjectNode pending =
        Json.parse(
            "{'metadata':{'name':'data','creationTimestamp':'2024-01-01T00:00:00Z',"
                + "'annotations':{'volume.beta.kubernetes.io/storage-class':'old'},"
                + "'deletionTimestamp':'2024-01-01T00:59:00Z'},"
                + "'spec':{'storageClassName':'fast','resources':{'requests':{'storage':'1Gi'}}},"
                + "'status':{'phase':'Pending'}}");
    assertThat(cells(CoreTables.PERSISTENT_VOLUME_CLAIMS, pending))
        .containsExactly("data", "Terminating", "", "", "", "old", "<unset>", "60m", "<unset>");
    ObjectNode bound =
        Json.parse(
            "{'metadata':{'name':'data','creationTimestamp':'2024-01-01T00:00:00Z'},"
                + "'spec':{'volumeName':'pv1','volumeMode':'Block','volumeAttributesClassName':'gold'},"
                + "'status':{'phase':'Bound','accessModes':['ReadWriteOncePod'],'capacity':{'storage':'10Gi'}}}");
    assertThat(cells(CoreTables.PERSISTENT_VOLUME_CLAIMS, bound))
        .containsExactly("data", "Bound", "pv1", "10Gi", "RWOP", "", "gold", "60m", "Block");
  }

  @Test
  void widePriorities() {
    assertThat(CoreTables.SERVICES.columns())
        .extracting(c -> c.name() + ":" + c.priority())
        .containsExactly(
            "Name:0",
            "Type:0",
            "Cluster-IP:0",
            "External-IP:0",
            "Port(s):0",
            "Age:0",
            "Selector:1");
    assertThat(CoreTables.EVENTS.columns())
        .extracting(c -> c.name() + ":" + c.priority())
        .containsExactly(
            "Last Seen:0",
            "Type:0",
            "Reason:0",
            "Object:0",
            "Subobject:1",
            "Source:1",
            "Message:0",
            "First Seen:1",
            "Count:1",
            "Name:1");
    assertThat(CoreTables.NODES.columns().stream().filter(c -> c.priority() == 1))
        .extracting(c -> c.name())
        .containsExactly(
            "Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime");
  }
}
