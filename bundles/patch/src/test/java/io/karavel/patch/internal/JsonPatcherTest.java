package io.karavel.patch.internal;

import static io.karavel.patch.internal.Trees.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.karavel.patch.PatchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6902 operations with RFC 6901 pointers, and kube-apiserver's error codes. */
class JsonPatcherTest {

  private final JacksonPatchService service = new JacksonPatchService();

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'foo':'bar'} | [{'op':'add','path':'/baz','value':'qux'}] | {'foo':'bar','baz':'qux'}",
        "{'foo':['bar','baz']} | [{'op':'add','path':'/foo/1','value':'qux'}] | {'foo':['bar','qux','baz']}",
        "{'foo':['bar']} | [{'op':'add','path':'/foo/-','value':['abc']}] | {'foo':['bar',['abc']]}",
        "{'foo':['bar']} | [{'op':'add','path':'/foo/1','value':'end'}] | {'foo':['bar','end']}",
        "{'baz':'qux','foo':'bar'} | [{'op':'remove','path':'/baz'}] | {'foo':'bar'}",
        "{'foo':['bar','qux','baz']} | [{'op':'remove','path':'/foo/1'}] | {'foo':['bar','baz']}",
        "{'baz':'qux','foo':'bar'} | [{'op':'replace','path':'/baz','value':'boo'}] | {'baz':'boo','foo':'bar'}",
        "{'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}} | [{'op':'move','from':'/foo/waldo','path':'/qux/thud'}] | {'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}",
        "{'foo':['all','grass','cows','eat']} | [{'op':'move','from':'/foo/1','path':'/foo/3'}] | {'foo':['all','cows','eat','grass']}",
        "{'a':{'b':1}} | [{'op':'copy','from':'/a','path':'/c'}] | {'a':{'b':1},'c':{'b':1}}",
        "{'baz':'qux','foo':['a',2,'c']} | [{'op':'test','path':'/baz','value':'qux'},{'op':'test','path':'/foo/1','value':2.0}] | {'baz':'qux','foo':['a',2,'c']}",
        "{'metadata':{'annotations':{'a/b':'1','m~n':'2'}}} | [{'op':'replace','path':'/metadata/annotations/a~1b','value':'x'},{'op':'remove','path':'/metadata/annotations/m~0n'}] | {'metadata':{'annotations':{'a/b':'x'}}}",
        "{'spec':{'replicas':1}} | [{'op':'test','path':'/spec/replicas','value':1},{'op':'replace','path':'/spec/replicas','value':3}] | {'spec':{'replicas':3}}",
        "{'a':1} | [{'op':'replace','path':'','value':{'b':2}}] | {'b':2}",
      })
  void appliesOperationsInOrder(String doc, String patch, String expected) {
    assertThat(service.jsonPatch(json(doc), json(patch))).isEqualTo(json(expected));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'baz':'qux'} | [{'op':'test','path':'/baz','value':'bar'}]",
        "{'foo':'bar'} | [{'op':'add','path':'/baz/bat','value':'qux'}]",
        "{'foo':'bar'} | [{'op':'remove','path':'/nope'}]",
        "{'foo':'bar'} | [{'op':'replace','path':'/nope','value':1}]",
        "{'foo':['a']} | [{'op':'add','path':'/foo/5','value':'x'}]",
        "{'foo':['a']} | [{'op':'add','path':'/foo/01','value':'x'}]",
        "{'foo':'bar'} | [{'op':'move','from':'/nope','path':'/x'}]",
        "{'foo':{'a':1}} | [{'op':'move','from':'/foo','path':'/foo/a/b'}]",
        "{'foo':'bar'} | [{'op':'frobnicate','path':'/foo'}]",
        "{'foo':'bar'} | [{'op':'add','path':'/x'}]",
      })
  void operationsThatDoNotApplyAre422(String doc, String patch) {
    assertThatThrownBy(() -> service.jsonPatch(json(doc), json(patch)))
        .isInstanceOfSatisfying(
            PatchException.class,
            e -> {
              assertThat(e.code()).isEqualTo(422);
              assertThat(e.reason()).isEqualTo("Invalid");
              assertThat(e.getMessage())
                  .isEqualTo("the server rejected our request due to an error in our request");
              assertThat(e.detail()).isNotBlank();
            });
  }

  @Test
  void aFailingTestLeavesNothingApplied() {
    var doc = json("{'a':1}");
    assertThatThrownBy(
            () ->
                service.jsonPatch(
                    doc,
                    json(
                        "[{'op':'replace','path':'/a','value':2},{'op':'test','path':'/a','value':3}]")))
        .isInstanceOf(PatchException.class)
        .hasFieldOrPropertyWithValue("detail", "testing value /a failed: test failed");
    assertThat(doc).isEqualTo(json("{'a':1}"));
  }

  @Test
  void undecodablePatchesAre400() {
    assertThatThrownBy(() -> service.jsonPatch(json("{}"), json("{'op':'add'}")))
        .isInstanceOfSatisfying(
            PatchException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.getMessage())
                  .isEqualTo("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
            });
    assertThatThrownBy(() -> service.jsonPatch(json("{}"), json("[1]")))
        .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(400));
  }
}
