package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML request body to a JSON tree, as upstream converts YAML to JSON before decoding: anchors
 * and aliases are expanded (YAML 1.1 merge keys too), scalars resolve to JSON numbers, booleans and
 * null by YAML 1.1's rules, mapping keys become strings. A document whose aliases would expand far
 * beyond its own size (a "billion laughs" bomb) is refused before anything is built.
 */
final class YamlTrees {

  /** Nodes reached again through aliases, on top of the document's own, before it is refused. */
  static final int MAX_ALIASED_NODES = 10_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final Pattern SEXAGESIMAL = Pattern.compile(".*:[0-5]?[0-9]$");

  private final Map<Node, Boolean> seen = new IdentityHashMap<>();
  private long aliased;

  private YamlTrees() {}

  /**
   * Parses one YAML document.
   *
   * @throws ApiException 400 for malformed YAML, more than one document, or excessive aliasing
   */
  static JsonNode parse(byte[] bytes, int maxDepth) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(50);
    options.setNestingDepthLimit(maxDepth);
    options.setCodePointLimit(Math.max(bytes.length, 1) + 16);
    options.setAllowDuplicateKeys(false);
    Node root;
    try (Reader r =
        new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
      root = new Yaml(options).compose(r);
    } catch (YAMLException | java.io.IOException e) {
      throw ApiException.badRequest("error decoding request body: yaml: " + e.getMessage());
    }
    if (root == null) {
      throw ApiException.badRequest("the request body is empty");
    }
    return new YamlTrees().convert(root);
  }

  private JsonNode convert(Node node) {
    if (seen.put(node, Boolean.TRUE) != null && ++aliased > MAX_ALIASED_NODES + seen.size()) {
      throw ApiException.badRequest(
          "error decoding request body: yaml: document contains excessive aliasing");
    }
    if (node instanceof MappingNode m) {
      ObjectNode out = NODES.objectNode();
      // Explicit keys win over merged ones, wherever the merge key stands.
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode().getTag() != Tag.MERGE) {
          out.set(key(t.getKeyNode()), convert(t.getValueNode()));
        }
      }
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode().getTag() == Tag.MERGE) {
          merge(out, t.getValueNode());
        }
      }
      return out;
    }
    if (node instanceof SequenceNode s) {
      ArrayNode out = NODES.arrayNode(s.getValue().size());
      for (Node item : s.getValue()) {
        out.add(convert(item));
      }
      return out;
    }
    return scalar((ScalarNode) node);
  }

  private void merge(ObjectNode into, Node source) {
    List<Node> maps = source instanceof SequenceNode s ? s.getValue() : List.of(source);
    for (Node n : maps) {
      if (!(n instanceof MappingNode)) {
        throw ApiException.badRequest(
            "error decoding request body: yaml: map merge requires map or sequence of maps as the"
                + " value");
      }
      convert(n)
          .fields()
          .forEachRemaining(
              e -> {
                if (!into.has(e.getKey())) {
                  into.set(e.getKey(), e.getValue());
                }
              });
    }
  }

  private String key(Node node) {
    if (node instanceof ScalarNode s) {
      return s.getTag() == Tag.NULL ? "null" : s.getValue();
    }
    throw ApiException.badRequest(
        "error decoding request body: yaml: a mapping key must be a scalar, at line "
            + (node.getStartMark().getLine() + 1));
  }

  private static JsonNode scalar(ScalarNode s) {
    String v = s.getValue();
    Tag tag = s.getTag();
    if (tag == Tag.NULL) {
      return NODES.nullNode();
    }
    if (tag == Tag.BOOL) {
      return NODES.booleanNode(
          switch (v.toLowerCase()) {
            case "true", "yes", "on", "y" -> true;
            default -> false;
          });
    }
    if (tag == Tag.INT) {
      BigInteger i = integer(v);
      if (i != null) {
        return i.bitLength() < 64 ? NODES.numberNode(i.longValue()) : NODES.numberNode(i);
      }
    } else if (tag == Tag.FLOAT) {
      try {
        return NODES.numberNode(new BigDecimal(v.replace("_", "")));
      } catch (NumberFormatException e) {
        // .inf, .nan and sexagesimal floats have no JSON number: keep the text.
      }
    }
    return NODES.textNode(v);
  }

  private static BigInteger integer(String text) {
    String v = text.replace("_", "");
    int sign = 1;
    if (v.startsWith("-") || v.startsWith("+")) {
      sign = v.startsWith("-") ? -1 : 1;
      v = v.substring(1);
    }
    try {
      BigInteger i;
      if (v.startsWith("0x")) {
        i = new BigInteger(v.substring(2), 16);
      } else if (v.startsWith("0b")) {
        i = new BigInteger(v.substring(2), 2);
      } else if (v.length() > 1 && v.startsWith("0")) {
        i = new BigInteger(v.substring(1), 8);
      } else if (SEXAGESIMAL.matcher(v).matches()) {
        return null;
      } else {
        i = new BigInteger(v);
      }
      return sign < 0 ? i.negate() : i;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
