package io.karavel.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.karavel.shell.internal.ManifestReader.Manifest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument handling shared by the commands, without a server. */
class CommandParsingTest {
  @TempDir Path dir;

  @Test
  void optionsAfterArgumentsAreAppliedAsKubectlAllows() {
    GetCommand get = new GetCommand();
    List<String> rest =
        LateOptions.apply(
            get,
            new ArrayList<>(
                List.of(
                    "web",
                    "-o",
                    "wide",
                    "-A",
                    "--selector=app=web",
                    "-L",
                    "a",
                    "--show-labels",
                    "-n",
                    "shop")));
    assertThat(rest).containsExactly("web");
    assertThat(get.output).isEqualTo("wide");
    assertThat(get.allNamespaces).isTrue();
    assertThat(get.selector).isEqualTo("app=web");
    assertThat(get.labelColumns).containsExactly("a");
    assertThat(get.showLabels).isTrue();
    assertThat(get.namespace).isEqualTo("shop");

    ScaleCommand scale = new ScaleCommand();
    assertThat(LateOptions.apply(scale, List.of("deploy/web", "--replicas=3")))
        .containsExactly("deploy/web");
    assertThat(scale.replicas).isEqualTo(3);

    DeleteCommand delete = new DeleteCommand();
    assertThat(LateOptions.apply(delete, List.of("x", "--wait=false", "--", "-odd")))
        .containsExactly("x", "-odd");
    assertThat(delete.waitForDeletion).isFalse();

    assertThatThrownBy(() -> LateOptions.apply(new GetCommand(), List.of("--bogus")))
        .hasMessage("error: unknown flag: --bogus");
    assertThatThrownBy(() -> LateOptions.apply(new GetCommand(), List.of("-o")))
        .hasMessage("error: flag needs an argument: -o");
    assertThatThrownBy(() -> LateOptions.apply(new ScaleCommand(), List.of("--replicas=x")))
        .hasMessageStartingWith("error: invalid argument \"x\" for \"--replicas\" flag");
  }

  @Test
  void labelChangesFollowTheObjects() {
    MetadataMapCommandSupport.Changes changes =
        MetadataMapCommandSupport.split(
            List.of("pod", "web", "tier=front", "old-", "empty="), "label");
    assertThat(changes.objects()).containsExactly("pod", "web");
    Map<String, String> expected = new java.util.LinkedHashMap<>();
    expected.put("tier", "front");
    expected.put("old", null);
    expected.put("empty", "");
    assertThat(changes.changes()).containsExactlyEntriesOf(expected);

    assertThatThrownBy(() -> MetadataMapCommandSupport.split(List.of("pod", "web"), "label"))
        .hasMessage("error: at least one label update is required");
    assertThatThrownBy(() -> MetadataMapCommandSupport.split(List.of("pod", "a=b", "web"), "label"))
        .hasMessage("error: invalid label spec: web");
  }

  @Test
  void manifestsSplitDocumentsAndFlattenLists() throws Exception {
    String yaml =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: one}
        ---
        # nothing but a comment
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Secret
          metadata: {name: two}
        - apiVersion: apps/v1
          kind: Deployment
          metadata: {name: three, namespace: shop}
        """;
    List<Manifest> objects =
        ManifestReader.parse(
            new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "x.yaml");
    assertThat(objects)
        .extracting(m -> Json.name(m.object()))
        .containsExactly("one", "two", "three");
    assertThat(objects).extracting(Manifest::source).containsOnly("x.yaml");

    Files.writeString(
        dir.resolve("a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
    Files.writeString(
        dir.resolve("b.json"),
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"b\"}}");
    Files.writeString(dir.resolve("notes.txt"), "not a manifest");
    assertThat(ManifestReader.read(List.of(dir.toString())))
        .extracting(m -> Json.name(m.object()))
        .containsExactly("a", "b");

    assertThatThrownBy(() -> ManifestReader.read(List.of(dir.resolve("missing.yaml").toString())))
        .hasMessageContaining("does not exist");
    assertThatThrownBy(
            () ->
                ManifestReader.parse(
                    new ByteArrayInputStream(
                        "metadata: {name: x}\n".getBytes(StandardCharsets.UTF_8)),
                    "bad.yaml"))
        .hasMessageContaining("apiVersion and kind must be set");
  }
}
