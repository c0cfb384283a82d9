package io.karavel.patch.internal;

import static io.karavel.patch.internal.Trees.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.karavel.patch.PatchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7386 semantics: objects merge recursively, null removes, other values replace. */
class MergePatcherTest {

  private final JacksonPatchService service = new JacksonPatchService();

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'a':'b'}                 | {'a':'c'}          | {'a':'c'}",
        "{'a':'b'}                 | {'b':'c'}          | {'a':'b','b':'c'}",
        "{'a':'b'}                 | {'a':null}         | {}",
        "{'a':'b','b':'c'}         | {'a':null}         | {'b':'c'}",
        "{'a':['b']}               | {'a':'c'}          | {'a':'c'}",
        "{'a':'c'}                 | {'a':['b']}        | {'a':['b']}",
        "{'a':{'b':'c'}}           | {'a':{'b':'d','c':null}} | {'a':{'b':'d'}}",
        "{'a':[{'b':'c'}]}         | {'a':[1]}          | {'a':[1]}",
        "{'e':null}                | {'a':1}            | {'e':null,'a':1}",
        "{}                        | {'a':{'bb':{'ccc':null}}} | {'a':{'bb':{}}}",
        "{'metadata':{'labels':{'x':'1'}}} | {'metadata':{'labels':{'app':'web','x':null}}} | {'metadata':{'labels':{'app':'web'}}}",
      })
  void mergesLikeRfc7386(String target, String patch, String expected) {
    assertThat(service.mergePatch(json(target), json(patch))).isEqualTo(json(expected));
  }

  @Test
  void leavesItsArgumentsAlone() {
    var target = json("{'a':{'b':1}}");
    service.mergePatch(target, json("{'a':{'b':2}}"));
    assertThat(target).isEqualTo(json("{'a':{'b':1}}"));
  }

  @Test
  void aPatchThatIsNotAnObjectIsABadRequest() {
    assertThatThrownBy(() -> service.mergePatch(json("{}"), json("[1]")))
        .isInstanceOfSatisfying(
            PatchException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.reason()).isEqualTo("BadRequest");
            });
  }
}
