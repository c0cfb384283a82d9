package io.karavel.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import org.junit.jupiter.api.Test;

class TypeCheckerTest {

  private final JacksonSchemaService service = new JacksonSchemaService();
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void anArrayWhereAStringBelongsIsNamedAsUpstreamNamesIt() throws Exception {
    var cm = mapper.readTree("{\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":[\"x\"]}}");
    assertThat(service.typeErrors(cm, ConfigMap.class))
        .containsExactly(
            "json: cannot unmarshal array into Go struct field ConfigMap.data of type string");
  }

  @Test
  void wellTypedObjectsPassWithNullsIntOrStringAndQuantities() throws Exception {
    var pod =
        mapper.readTree(
            """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"a":"b"},
             "creationTimestamp":null},
             "spec":{"containers":[{"name":"c","image":"busybox",
               "ports":[{"containerPort":80}],
               "resources":{"limits":{"cpu":0.5,"memory":"64Mi"}},
               "livenessProbe":{"httpGet":{"port":"http","path":"/"},"periodSeconds":10.0},
               "readinessProbe":{"tcpSocket":{"port":8080}}}]}}
            """);
    assertThat(service.typeErrors(pod, Pod.class)).isEmpty();
  }

  @Test
  void leaseTimesAreMicroTimeStringsAsUpstream() throws Exception {
    // fabric8 models these as java.time.ZonedDateTime: on the wire they are RFC 3339 strings.
    var lease =
        mapper.readTree(
            """
            {"metadata":{"name":"l"},"spec":{"holderIdentity":"a","leaseDurationSeconds":15,
              "acquireTime":"2026-12-06T09:00:00.123456Z","renewTime":"2026-12-06T09:00:02.000000Z"}}
            """);
    assertThat(service.typeErrors(lease, Lease.class)).isEmpty();
    var wrong = mapper.readTree("{\"spec\":{\"renewTime\":{\"Time\":\"x\"}}}");
    assertThat(service.typeErrors(wrong, Lease.class))
        .containsExactly(
            "json: cannot unmarshal object into Go struct field Lease.spec.renewTime of type"
                + " string");
  }

  @Test
  void scalarsOfTheWrongTypeAreErrorsWithTheirPath() throws Exception {
    var d =
        mapper.readTree(
            """
            {"spec":{"replicas":"three","paused":"yes",
              "template":{"spec":{"containers":[{"name":"c","ports":[{"containerPort":8.5}]}]}}}}
            """);
    assertThat(service.typeErrors(d, Deployment.class))
        .containsExactly(
            "json: cannot unmarshal string into Go struct field Deployment.spec.replicas of type"
                + " int",
            "json: cannot unmarshal string into Go struct field Deployment.spec.paused of type"
                + " bool",
            "json: cannot unmarshal number into Go struct field"
                + " Deployment.spec.template.spec.containers.ports.containerPort of type int");
  }

  @Test
  void anObjectWhereAListBelongs() throws Exception {
    var pod = mapper.readTree("{\"spec\":{\"containers\":{\"name\":\"c\"}}}");
    assertThat(service.typeErrors(pod, Pod.class))
        .containsExactly(
            "json: cannot unmarshal object into Go struct field Pod.spec.containers of type"
                + " []struct");
  }
}
