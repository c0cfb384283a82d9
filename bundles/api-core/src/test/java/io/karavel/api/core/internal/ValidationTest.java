package io.karavel.api.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Validation of new objects, after the create preparation and defaulting the server runs. */
class ValidationTest {
  static final String DNS_LABEL =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
          + " must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc',"
          + " regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  static final String PORT_RANGE = "must be between 1 and 65535, inclusive";

  static final PodStrategy POD = new PodStrategy();
  static final ServiceStrategy SVC = new ServiceStrategy();

  static Arguments bad(String what, ResourceStrategy s, String json, FieldError... expected) {
    return Arguments.of(what, s, json, List.of(expected));
  }

  static String pod(String spec) {
    return "{'metadata':{'name':'p'},'spec':" + spec + "}";
  }

  static String app(String extra) {
    return pod("{'containers':[{'name':'app','image':'nginx'" + extra + "}]}");
  }

  static String svc(String spec) {
    return "{'metadata':{'name':'s'},'spec':" + spec + "}";
  }

  static FieldError invalid(String field, String message) {
    return new FieldError("FieldValueInvalid", field, message);
  }

  static Stream<Arguments> pods() {
    return Stream.of(
        bad("valid pod", POD, app("")),
        bad(
            "no containers",
            POD,
            pod("{'containers':[]}"),
            FieldError.required("spec.containers", "")),
        bad(
            "container name not a label",
            POD,
            pod("{'containers':[{'name':'App_1','image':'x'}]}"),
            FieldError.invalid("spec.containers[0].name", "App_1", DNS_LABEL)),
        bad(
            "container name with dots",
            POD,
            pod("{'containers':[{'name':'a.b','image':'x'}]}"),
            FieldError.invalid("spec.containers[0].name", "a.b", "must not contain dots")),
        bad(
            "init container reuses an app container's name",
            POD,
            pod(
                "{'initContainers':[{'name':'app','image':'x'}],'containers':[{'name':'app','image':'y'}]}"),
            FieldError.duplicate("spec.initContainers[0].name", "app")),
        bad(
            "two app containers with one name",
            POD,
            pod("{'containers':[{'name':'a','image':'x'},{'name':'a','image':'y'}]}"),
            FieldError.duplicate("spec.containers[1].name", "a")),
        bad(
            "no image",
            POD,
            pod("{'containers':[{'name':'app'}]}"),
            FieldError.required("spec.containers[0].image", "")),
        bad(
            "ports",
            POD,
            app(
                ",'ports':[{'containerPort':0},{'containerPort':70000,'protocol':'HTTP'},"
                    + "{'name':'web','containerPort':80},{'name':'web','containerPort':81},"
                    + "{'name':'Web--','containerPort':82,'hostPort':-1}]"),
            FieldError.required("spec.containers[0].ports[0].containerPort", ""),
            FieldError.invalid("spec.containers[0].ports[1].containerPort", 70000L, PORT_RANGE),
            FieldError.notSupported(
                "spec.containers[0].ports[1].protocol", "HTTP", List.of("SCTP", "TCP", "UDP")),
            FieldError.duplicate("spec.containers[0].ports[3].name", "web"),
            FieldError.invalid(
                "spec.containers[0].ports[4].name",
                "Web--",
                "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"),
            FieldError.invalid(
                "spec.containers[0].ports[4].name",
                "Web--",
                "must not contain consecutive hyphens"),
            FieldError.invalid(
                "spec.containers[0].ports[4].name", "Web--", "must not begin or end with a hyphen"),
            FieldError.invalid("spec.containers[0].ports[4].hostPort", -1L, PORT_RANGE)),
        bad(
            "env names are relaxed but not free",
            POD,
            app(",'env':[{'name':'1st.value-ok','value':'x'},{'name':'A=B'},{'value':'v'}]"),
            FieldError.invalid(
                "spec.containers[0].env[1].name",
                "A=B",
                "a valid environment variable name must consist only of printable ASCII characters"
                    + " other than '='"),
            FieldError.required("spec.containers[0].env[2].name", "")),
        bad(
            "env valueFrom",
            POD,
            app(
                ",'env':[{'name':'A','value':'x','valueFrom':{'fieldRef':{'fieldPath':'metadata.name'}}},"
                    + "{'name':'B','valueFrom':{}},"
                    + "{'name':'C','valueFrom':{'fieldRef':{'fieldPath':'spec.bogus'}}}]"),
            FieldError.invalid(
                "spec.containers[0].env[0].valueFrom",
                "",
                "may not be specified when `value` is not empty"),
            FieldError.invalid(
                "spec.containers[0].env[1].valueFrom",
                "",
                "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"),
            FieldError.notSupported(
                "spec.containers[0].env[2].valueFrom.fieldRef.fieldPath",
                "spec.bogus",
                List.of(
                    "metadata.name",
                    "metadata.namespace",
                    "metadata.uid",
                    "spec.nodeName",
                    "spec.serviceAccountName",
                    "status.hostIP",
                    "status.hostIPs",
                    "status.podIP",
                    "status.podIPs"))),
        bad(
            "request above limit",
            POD,
            app(",'resources':{'requests':{'cpu':'2'},'limits':{'cpu':'1000m'}}"),
            FieldError.invalid(
                "spec.containers[0].resources.requests",
                "2",
                "must be less than or equal to cpu limit of 1")),
        bad(
            "quantities",
            POD,
            app(",'resources':{'limits':{'memory':'1Kb','cpu':'-1','gpu':'1'}}"),
            invalid(
                "spec.containers[0].resources.limits[memory]",
                "Invalid value: \"1Kb\": quantities must match the regular expression"
                    + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
            FieldError.invalid(
                "spec.containers[0].resources.limits[cpu]",
                "-1",
                "must be greater than or equal to 0"),
            FieldError.invalid(
                "spec.containers[0].resources.limits[gpu]",
                "gpu",
                "must be a standard resource type or fully qualified"),
            FieldError.invalid(
                "spec.containers[0].resources.limits[gpu]",
                "gpu",
                "must be a standard resource for containers"),
            FieldError.invalid(
                "spec.containers[0].resources.requests[gpu]",
                "gpu",
                "must be a standard resource type or fully qualified"),
            FieldError.invalid(
                "spec.containers[0].resources.requests[gpu]",
                "gpu",
                "must be a standard resource for containers"),
            FieldError.invalid(
                "spec.containers[0].resources.requests[cpu]",
                "-1",
                "must be greater than or equal to 0"),
            invalid(
                "spec.containers[0].resources.requests[memory]",
                "Invalid value: \"1Kb\": quantities must match the regular expression"
                    + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")),
        bad(
            "extended resources are whole and not overcommitted",
            POD,
            pod(
                "{'containers':[{'name':'a','image':'x','resources':{'requests':{'example.com/gpu':'1'},"
                    + "'limits':{'example.com/gpu':'2'}}},{'name':'b','image':'x','resources':{"
                    + "'limits':{'example.com/fpga':'500m'}}}]}"),
            FieldError.invalid(
                "spec.containers[0].resources.requests",
                "1",
                "must be equal to example.com/gpu limit of 2"),
            FieldError.invalid(
                "spec.containers[1].resources.limits[example.com/fpga]",
                "500m",
                "must be an integer"),
            FieldError.invalid(
                "spec.containers[1].resources.requests[example.com/fpga]",
                "500m",
                "must be an integer")),
        bad(
            "policies",
            POD,
            pod(
                "{'restartPolicy':'Sometimes','dnsPolicy':'Google','activeDeadlineSeconds':0,"
                    + "'containers':[{'name':'a','image':'x','imagePullPolicy':'Maybe',"
                    + "'terminationMessagePolicy':'Log'}]}"),
            FieldError.notSupported(
                "spec.containers[0].terminationMessagePolicy",
                "Log",
                List.of("File", "FallbackToLogsOnError")),
            FieldError.notSupported(
                "spec.containers[0].imagePullPolicy",
                "Maybe",
                List.of("Always", "IfNotPresent", "Never")),
            FieldError.notSupported(
                "spec.restartPolicy", "Sometimes", List.of("Always", "OnFailure", "Never")),
            FieldError.notSupported(
                "spec.dnsPolicy",
                "Google",
                List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None")),
            FieldError.invalid(
                "spec.activeDeadlineSeconds", 0L, "must be between 1 and 2147483647, inclusive")),
        bad(
            "volumes and mounts",
            POD,
            pod(
                "{'volumes':[{'name':'data'},{'name':'data','configMap':{}},"
                    + "{'name':'two','emptyDir':{},'secret':{'secretName':'s'}}],"
                    + "'containers':[{'name':'a','image':'x','volumeMounts':[{'name':'data','mountPath':'/d'},"
                    + "{'name':'nope','mountPath':'/d'},{'name':'data','mountPath':'/e','subPath':'../x'}]}]}"),
            FieldError.duplicate("spec.volumes[1].name", "data"),
            FieldError.required("spec.volumes[1].configMap.name", ""),
            FieldError.forbidden(
                "spec.volumes[2].secret", "may not specify more than 1 volume type"),
            Validation.notFound("spec.containers[0].volumeMounts[1].name", "nope"),
            FieldError.invalid(
                "spec.containers[0].volumeMounts[1].mountPath", "/d", "must be unique"),
            FieldError.invalid(
                "spec.containers[0].volumeMounts.subPath", "../x", "must not contain '..'")),
        bad(
            "probes",
            POD,
            app(
                ",'livenessProbe':{'successThreshold':2,'exec':{'command':['true']},'tcpSocket':{'port':80}},"
                    + "'readinessProbe':{'periodSeconds':5}"),
            FieldError.forbidden(
                "spec.containers[0].livenessProbe.tcpSocket",
                "may not specify more than 1 handler type"),
            FieldError.invalid(
                "spec.containers[0].livenessProbe.successThreshold", 2L, "must be 1"),
            FieldError.required(
                "spec.containers[0].readinessProbe", "must specify a handler type")),
        bad(
            "init containers without restartPolicy Always may not probe",
            POD,
            pod(
                "{'initContainers':[{'name':'i','image':'x','readinessProbe':{'exec':{'command':['x']}},"
                    + "'restartPolicy':'OnFailure'}],'containers':[{'name':'a','image':'x','restartPolicy':'Always'}]}"),
            FieldError.forbidden(
                "spec.containers[0].restartPolicy", "may not be set for non-init containers"),
            FieldError.notSupported(
                "spec.initContainers[0].restartPolicy", "OnFailure", List.of("Always")),
            FieldError.forbidden(
                "spec.initContainers[0].readinessProbe", "may not be set for init containers")),
        bad(
            "scheduling fields",
            POD,
            pod(
                "{'nodeName':'Node_1','nodeSelector':{'disk':'ssd!'},'hostname':'My.Host',"
                    + "'tolerations':[{'operator':'Equal','value':'x'},{'key':'k','effect':'Sometimes'}],"
                    + "'containers':[{'name':'a','image':'x'}]}"),
            FieldError.invalid(
                "spec.nodeSelector",
                "ssd!",
                "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
                    + " '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or"
                    + " 'my_value',  or '12345', regex used for validation is"
                    + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
            FieldError.invalid(
                "spec.nodeName",
                "Node_1",
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
                    + " '.', and must start and end with an alphanumeric character (e.g. 'example.com',"
                    + " regex used for validation is"
                    + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
            FieldError.invalid("spec.hostname", "My.Host", DNS_LABEL),
            FieldError.invalid(
                "spec.tolerations[0].operator",
                "Equal",
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\""),
            FieldError.notSupported(
                "spec.tolerations[1].effect",
                "Sometimes",
                List.of("NoSchedule", "PreferNoSchedule", "NoExecute"))),
        bad(
            "host network needs matching ports",
            POD,
            pod(
                "{'hostNetwork':true,'containers':[{'name':'a','image':'x',"
                    + "'ports':[{'containerPort':80,'hostPort':8080}]}]}"),
            FieldError.invalid(
                "spec.containers[0].ports[0].containerPort",
                80L,
                "must match `hostPort` when `hostNetwork` is true")),
        bad(
            "host ports unique across containers",
            POD,
            pod(
                "{'containers':[{'name':'a','image':'x','ports':[{'containerPort':80,'hostPort':8080}]},"
                    + "{'name':'b','image':'x','ports':[{'containerPort':81,'hostPort':8080}]}]}"),
            FieldError.duplicate("spec.containers[1].ports[0].hostPort", "/TCP/8080")));
  }

  static Stream<Arguments> services() {
    return Stream.of(
        bad("valid service", SVC, svc("{'selector':{'app':'a'},'ports':[{'port':80}]}")),
        bad("headless without ports", SVC, svc("{'clusterIP':'None','selector':{'app':'a'}}")),
        bad("external name", SVC, svc("{'type':'ExternalName','externalName':'db.example.com.'}")),
        bad(
            "no ports",
            SVC,
            svc("{'selector':{'app':'a'}}"),
            FieldError.required("spec.ports", "")),
        bad(
            "external name rules",
            SVC,
            svc("{'type':'ExternalName','clusterIP':'10.0.0.1'}"),
            FieldError.forbidden("spec.clusterIPs", "may not be set for ExternalName services"),
            FieldError.required("spec.externalName", "")),
        bad(
            "several ports need names",
            SVC,
            svc("{'ports':[{'port':80},{'port':443}]}"),
            FieldError.required("spec.ports[0].name", ""),
            FieldError.required("spec.ports[1].name", "")),
        bad(
            "port names unique and numbers in range",
            SVC,
            svc(
                "{'ports':[{'name':'web','port':80},{'name':'web','port':0,'targetPort':'HTTP'},"
                    + "{'name':'x','port':80,'protocol':'TCP'}]}"),
            FieldError.duplicate("spec.ports[1].name", "web"),
            FieldError.invalid("spec.ports[1].port", 0L, PORT_RANGE),
            FieldError.invalid(
                "spec.ports[1].targetPort",
                "HTTP",
                "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"),
            FieldError.invalid(
                "spec.ports[1].targetPort", "HTTP", "must contain at least one letter (a-z)"),
            new FieldError(
                "FieldValueDuplicate",
                "spec.ports[2]",
                "Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", AppProtocol:(*string)(nil),"
                    + " Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}")),
        bad(
            "type",
            SVC,
            svc("{'type':'Internal','ports':[{'port':80}]}"),
            FieldError.notSupported(
                "spec.type",
                "Internal",
                List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort"))),
        bad(
            "node port on a ClusterIP service",
            SVC,
            svc("{'ports':[{'port':80,'nodePort':30080}]}"),
            FieldError.forbidden(
                "spec.ports[0].nodePort", "may not be used when `type` is 'ClusterIP'")),
        bad(
            "node port out of range and duplicated",
            SVC,
            svc(
                "{'type':'NodePort','ports':[{'name':'a','port':80,'nodePort':8080},{'name':'b','port':81,'nodePort':8080}]}"),
            FieldError.invalid(
                "spec.ports[0].nodePort",
                8080L,
                "provided port is not in the valid range. The range of valid ports is 30000-32767"),
            FieldError.invalid(
                "spec.ports[1].nodePort",
                8080L,
                "provided port is not in the valid range. The range of valid ports is 30000-32767"),
            FieldError.duplicate("spec.ports[1].nodePort", 8080L)),
        bad(
            "load balancer on the kubelet port, headless node port",
            SVC,
            svc("{'type':'LoadBalancer','ports':[{'port':10250}]}"),
            FieldError.invalid(
                "spec.ports[0]",
                10250L,
                "may not expose port 10250 externally since it is used by kubelet")),
        bad(
            "headless node port",
            SVC,
            svc("{'type':'NodePort','clusterIP':'None','ports':[{'port':80}]}"),
            FieldError.invalid(
                "spec.clusterIPs[0]", "None", "may not be set to 'None' for NodePort services")),
        bad(
            "addresses",
            SVC,
            svc("{'clusterIP':'10.0.0.300','externalIPs':['::1','1.2.3'],'ports':[{'port':80}]}"),
            FieldError.invalid(
                "spec.clusterIPs[0]",
                "10.0.0.300",
                "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"),
            FieldError.invalid(
                "spec.externalIPs[1]",
                "1.2.3",
                "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")),
        bad(
            "affinity and traffic policies",
            SVC,
            svc(
                "{'sessionAffinity':'Sticky','externalTrafficPolicy':'Local','internalTrafficPolicy':'Node',"
                    + "'ports':[{'port':80}]}"),
            FieldError.notSupported("spec.sessionAffinity", "Sticky", List.of("ClientIP", "None")),
            FieldError.invalid(
                "spec.externalTrafficPolicy",
                "Local",
                "may only be set for externally-accessible services"),
            FieldError.notSupported(
                "spec.internalTrafficPolicy", "Node", List.of("Cluster", "Local"))),
        bad(
            "client IP affinity timeout",
            SVC,
            svc(
                "{'sessionAffinity':'ClientIP','sessionAffinityConfig':{'clientIP':{'timeoutSeconds':86401}},"
                    + "'ports':[{'port':80}]}"),
            FieldError.invalid(
                "spec.sessionAffinityConfig.clientIP.timeoutSeconds",
                86401L,
                "must be greater than 0 and less than 86400")));
  }

  static String big() {
    return "x".repeat(600 * 1024);
  }

  static Stream<Arguments> others() {
    String cfgKey =
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g."
            + " 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is"
            + " '[-._a-zA-Z0-9]+')";
    return Stream.of(
        bad(
            "config map keys",
            new ConfigMapStrategy(),
            "{'data':{'a b':'1','..x':'2','dup':'3'},'binaryData':{'dup':'AA=='}}",
            FieldError.invalid("data[a b]", "a b", cfgKey),
            FieldError.invalid("data[..x]", "..x", "must not start with '..'"),
            FieldError.invalid("data[dup]", "dup", "duplicate of key present in binaryData"),
            FieldError.invalid("binaryData[dup]", "dup", "duplicate of key present in data")),
        bad(
            "config map over 1 MiB",
            new ConfigMapStrategy(),
            "{'data':{'a':'" + big() + "','b':'" + big() + "'}}",
            FieldError.tooLong("", 1048576)),
        bad(
            "tls secret",
            new SecretStrategy(),
            "{'type':'kubernetes.io/tls','data':{'tls.crt':'AA=='}}",
            FieldError.required("data[tls.key]", "")),
        bad(
            "docker config secret",
            new SecretStrategy(),
            "{'type':'kubernetes.io/dockerconfigjson','stringData':{'.dockercfg':'{}'}}",
            FieldError.required("data[.dockerconfigjson]", "")),
        bad(
            "docker config secret that is JSON",
            new SecretStrategy(),
            "{'type':'kubernetes.io/dockerconfigjson','stringData':{'.dockerconfigjson':'{\\'auths\\':{}}'}}"),
        bad(
            "basic auth and base64",
            new SecretStrategy(),
            "{'type':'kubernetes.io/basic-auth','data':{'user':'not base64!'}}",
            invalid(
                "data[user]", "Invalid value: \"<secret contents redacted>\": illegal base64 data"),
            FieldError.required("data[username]", ""),
            FieldError.required("data[password]", "")),
        bad(
            "service account token secret",
            new SecretStrategy(),
            "{'type':'kubernetes.io/service-account-token'}",
            FieldError.required("metadata.annotations[kubernetes.io/service-account.name]", "")),
        bad(
            "namespace finalizers",
            new NamespaceStrategy(),
            "{'metadata':{'name':'n'},'spec':{'finalizers':['foo','example.com/x']}}",
            FieldError.invalid(
                "spec.finalizers",
                "foo",
                "name is neither a standard finalizer name nor is it fully qualified")),
        bad(
            "node taints and CIDRs",
            new NodeStrategy(),
            "{'spec':{'podCIDRs':['10.244.0.0/33','10.245.0.0/24'],'taints':[{'key':'a','effect':'NoSchedule'},"
                + "{'key':'a','value':'b','effect':'NoSchedule'},{'key':'c','effect':'Never'},{'key':'d'}]},"
                + "'status':{'capacity':{'cpu':'-1'}}}",
            new FieldError(
                "FieldValueDuplicate",
                "spec.taints[1]",
                "Duplicate value: core.Taint{Key:\"a\", Value:\"b\", Effect:\"NoSchedule\","
                    + " TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair"),
            FieldError.notSupported(
                "spec.taints[2].effect",
                "Never",
                List.of("NoSchedule", "PreferNoSchedule", "NoExecute")),
            FieldError.required("spec.taints[3].effect", ""),
            FieldError.invalid(
                "spec.podCIDRs[0]",
                "10.244.0.0/33",
                "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"),
            invalid(
                "spec.podCIDRs",
                "Invalid value: []string{\"10.244.0.0/33\", \"10.245.0.0/24\"}: may specify no more than one CIDR"
                    + " for each IP family"),
            FieldError.invalid("status.capacity[cpu]", "-1", "must be greater than or equal to 0"),
            FieldError.invalid(
                "status.allocatable[cpu]", "-1", "must be greater than or equal to 0")),
        bad(
            "replication controller",
            new ReplicationControllerStrategy(),
            "{'spec':{'selector':{'app':'db'},'template':{'metadata':{'labels':{'app':'web'}},"
                + "'spec':{'restartPolicy':'OnFailure','containers':[{'name':'a','image':'x'}]}}}}",
            invalid(
                "spec.template.metadata.labels",
                "Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`"),
            FieldError.notSupported(
                "spec.template.spec.restartPolicy", "OnFailure", List.of("Always"))),
        bad(
            "replication controller without template",
            new ReplicationControllerStrategy(),
            "{'spec':{'replicas':-1}}",
            FieldError.required("spec.selector", ""),
            FieldError.invalid("spec.replicas", -1L, "must be greater than or equal to 0"),
            FieldError.required("spec.template", "")),
        bad(
            "limit range",
            new LimitRangeStrategy(),
            "{'spec':{'limits':[{'type':'Container','min':{'cpu':'2'},'max':{'cpu':'1'}},"
                + "{'type':'Pod','default':{'cpu':'1'}},{'type':'Pod'},{'type':'Thing'}]}}",
            FieldError.invalid(
                "spec.limits[0].min[cpu]", "2", "min value 2 is greater than max value 1"),
            FieldError.invalid(
                "spec.limits[0].defaultRequest[cpu]",
                "1",
                "min value 2 is greater than default request value 1"),
            FieldError.invalid(
                "spec.limits[0].default[cpu]", "2", "min value 2 is greater than default value 1"),
            FieldError.forbidden(
                "spec.limits[1].default", "may not be specified when `type` is 'Pod'"),
            FieldError.duplicate("spec.limits[2].type", "Pod"),
            FieldError.invalid(
                "spec.limits[3].type",
                "Thing",
                "must be a standard limit type or fully qualified")),
        bad(
            "resource quota",
            new ResourceQuotaStrategy(),
            "{'spec':{'hard':{'pods':'1.5','foo':'1','count/widgets.example.com':'2'},'scopes':['Soon']}}",
            FieldError.invalid("spec.hard[pods]", "1500m", "must be an integer"),
            FieldError.invalid(
                "spec.hard[foo]", "foo", "must be a standard resource type or fully qualified"),
            FieldError.invalid("spec.hard[foo]", "foo", "must be a standard resource for quota"),
            invalid("spec.scopes", "Invalid value: []string{\"Soon\"}: unsupported scope")),
        bad(
            "persistent volume",
            new PersistentVolumeStrategy(),
            "{'metadata':{'name':'pv'},'spec':{'persistentVolumeReclaimPolicy':'Keep'}}",
            FieldError.required("spec.accessModes", ""),
            FieldError.required("spec.capacity", ""),
            new FieldError(
                "FieldValueNotSupported",
                "spec.capacity",
                "Unsupported value: core.ResourceList(nil): supported values: \"storage\""),
            FieldError.notSupported(
                "spec.persistentVolumeReclaimPolicy",
                "Keep",
                List.of("Delete", "Recycle", "Retain")),
            FieldError.required("spec", "must specify a volume type")),
        bad(
            "persistent volume claim",
            new PersistentVolumeClaimStrategy(),
            "{'spec':{'accessModes':['ReadWriteOncePod','ReadWriteOnce'],'volumeMode':'Raw',"
                + "'resources':{'requests':{'storage':'0'}}}}",
            FieldError.forbidden(
                "spec.accessModes", "may not use ReadWriteOncePod with other access modes"),
            FieldError.invalid("spec.resources[storage]", "0", "must be greater than zero"),
            FieldError.notSupported("spec.volumeMode", "Raw", List.of("Block", "Filesystem"))),
        bad(
            "claim without a request",
            new PersistentVolumeClaimStrategy(),
            "{'spec':{}}",
            FieldError.required("spec.accessModes", "at least 1 access mode is required"),
            FieldError.required("spec.resources[storage]", "")),
        bad(
            "endpoints",
            new EndpointsStrategy(),
            "{'subsets':[{'ports':[{'port':80}]},{'addresses':[{'ip':'10.0.0.256','hostname':'A'}],"
                + "'ports':[{'port':80},{'name':'b','port':81,'protocol':'ICMP'}]}]}",
            FieldError.required("subsets[0]", "must specify `addresses` or `notReadyAddresses`"),
            FieldError.invalid(
                "subsets[1].addresses[0].ip",
                "10.0.0.256",
                "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"),
            FieldError.invalid("subsets[1].addresses[0].hostname", "A", DNS_LABEL),
            FieldError.required("subsets[1].ports[0].name", ""),
            FieldError.notSupported(
                "subsets[1].ports[1].protocol", "ICMP", List.of("SCTP", "TCP", "UDP"))),
        bad(
            "event in another namespace than its object",
            new EventStrategy(),
            "{'metadata':{'namespace':'a'},'involvedObject':{'kind':'Pod','namespace':'b'}}",
            FieldError.invalid("involvedObject.namespace", "b", "does not match event.namespace")),
        bad(
            "new-style event without reporting fields",
            new EventStrategy(),
            "{'metadata':{'namespace':'a'},'eventTime':'2024-01-01T00:00:00.000000Z',"
                + "'involvedObject':{'kind':'Pod','namespace':'a'},'reportingComponent':'kubelet'}",
            FieldError.required("reportingInstance", ""),
            FieldError.required("action", ""),
            FieldError.required("reason", "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"pods", "services", "others"})
  void validate(String what, ResourceStrategy s, String json, List<FieldError> expected) {
    ObjectNode o = Json.parse(json);
    s.prepareForCreate(o);
    s.applyDefaults(o);
    assertThat(s.validate(o)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void secretSizeCountsDecodedBytes() {
    // 700 KiB of raw bytes is fine for a secret; the same bytes twice are not.
    String b64 = Base64.getEncoder().encodeToString(new byte[700 * 1024]);
    SecretStrategy secrets = new SecretStrategy();
    assertThat(secrets.validate(Json.parse("{'data':{'a':'" + b64 + "'}}"))).isEmpty();
    assertThat(secrets.validate(Json.parse("{'data':{'a':'" + b64 + "','b':'" + b64 + "'}}")))
        .containsExactly(FieldError.tooLong("data", 1048576));
  }
}
