package io.karavel.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.runtime.RawExtension;
import io.karavel.schema.FieldViolation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictFieldScannerTest {

  private final JacksonSchemaService service = new JacksonSchemaService();

  /** The body of upstream's field validation integration test (test/integration/apiserver). */
  private static final String INVALID_DEPLOYMENT =
      """
      {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {
          "name": "dupename",
          "name": "web",
          "labels": {"app": "nginx"},
          "unknownMeta": "metaVal"
        },
        "spec": {
          "unknown1": "val1",
          "unknownDupe": "valDupe",
          "unknownDupe": "valDupe2",
          "paused": true,
          "paused": false,
          "selector": {"matchLabels": {"app": "nginx"}},
          "template": {
            "metadata": {"labels": {"app": "nginx"}},
            "spec": {
              "containers": [{
                "name": "nginx",
                "image": "nginx:latest",
                "unknownNested": "val1",
                "imagePullPolicy": "Always",
                "imagePullPolicy": "Never"
              }]
            }
          }
        }
      }
      """;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void reportsLikeUpstreamStrictDecoder() {
    List<FieldViolation> found =
        service.strictFieldViolations(bytes(INVALID_DEPLOYMENT), Deployment.class);
    assertThat(FieldViolation.strictDecodingError(found))
        .isEqualTo(
            "strict decoding error: duplicate field \"metadata.name\", unknown field"
                + " \"metadata.unknownMeta\", unknown field \"spec.unknown1\", unknown field"
                + " \"spec.unknownDupe\", duplicate field \"spec.paused\", unknown field"
                + " \"spec.template.spec.containers[0].unknownNested\", duplicate field"
                + " \"spec.template.spec.containers[0].imagePullPolicy\"");
    assertThat(found.get(1).warningHeader())
        .isEqualTo("299 - \"unknown field \\\"metadata.unknownMeta\\\"\"");
  }

  @Test
  void duplicatesWithoutSchemaIncludeMapKeys() {
    assertThat(
            service.duplicateFields(
                bytes("{\"data\":{\"a\":\"2\",\"a\":\"3\"},\"x\":[{\"k\":1,\"k\":2}],\"x\":1}")))
        .containsExactly("data.a", "x[0].k", "x");
    assertThat(service.duplicateFields(bytes("{\"data\":"))).isEmpty();
    assertThat(service.duplicateFields(bytes("{\"a\":{\"b\":1},\"c\":{\"b\":1}}"))).isEmpty();
  }

  @Test
  void unknownFieldsOfParsedTree() throws Exception {
    var tree =
        new ObjectMapper()
            .readTree(
                """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"any":"x"}},
                 "spec":{"foo":1,"containers":[{"name":"a"},{"name":"b","bar":{"baz":1}}],
                 "overhead":{"cpu":"1"}},
                 "status":{"conditions":[{"type":"Ready","nope":true}]}}
                """);
    assertThat(service.unknownFields(tree, Pod.class))
        .containsExactly("spec.foo", "spec.containers[1].bar", "status.conditions[0].nope");
  }

  @Test
  void freeFormNodesAcceptAnything() {
    assertThat(
            service.strictFieldViolations(
                bytes(
                    "{\"metadata\":{\"managedFields\":[{\"fieldsV1\":{\"f:x\":{}},\"time\":\"t\"}]},"
                        + "\"data\":{\"free\":\"x\"},\"dta\":1}"),
                ConfigMap.class))
        .containsExactly(FieldViolation.unknown("dta"));
    assertThat(service.schemaOf(RawExtension.class).root().type().name()).isEqualTo("ANY");
  }

  @Test
  void goQuoting() {
    assertThat(FieldViolation.unknown("a\"b\\c\n").message())
        .isEqualTo("unknown field \"a\\\"b\\\\c\\n\"");
  }
}
