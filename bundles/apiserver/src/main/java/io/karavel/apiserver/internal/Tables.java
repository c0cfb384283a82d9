package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.apiserver.spi.TableColumn;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Renders objects as {@code meta.k8s.io Table}s (what {@code kubectl get} asks for) and as {@code
 * PartialObjectMetadata}.
 */
public final class Tables {
  private Tables() {}

  /** How much of each object a Table row carries ({@code ?includeObject=}). */
  public enum IncludeObject {
    NONE,
    METADATA,
    OBJECT;

    static IncludeObject parse(String value) {
      if (value == null || value.isEmpty() || value.equals("Metadata")) {
        return METADATA;
      }
      return switch (value) {
        case "None" -> NONE;
        case "Object" -> OBJECT;
        default ->
            throw ApiException.badRequest(
                "includeObject must be one of None, Metadata or Object, got " + value);
      };
    }
  }

  public static ObjectNode table(
      ResourceDefinition def,
      List<ObjectNode> objects,
      String tableVersion,
      IncludeObject include,
      boolean noHeaders,
      ObjectNode listMeta) {
    ObjectNode table = Json.MAPPER.createObjectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/" + tableVersion);
    table.set("metadata", listMeta == null ? Json.MAPPER.createObjectNode() : listMeta);
    if (!noHeaders) {
      ArrayNode columns = table.putArray("columnDefinitions");
      for (TableColumn c : def.table().columns()) {
        ObjectNode col = columns.addObject();
        col.put("name", c.name());
        col.put("type", c.type());
        col.put("format", c.format());
        col.put("description", c.description());
        col.put("priority", c.priority());
      }
    }
    ArrayNode rows = table.putArray("rows");
    Instant now = Instant.now();
    for (ObjectNode o : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (Object cell : def.table().printer().cells(o, now)) {
        addCell(cells, cell);
      }
      switch (include) {
        case OBJECT -> row.set("object", o);
        case METADATA -> row.set("object", partial(o, def));
        case NONE -> {}
      }
    }
    return table;
  }

  private static void addCell(ArrayNode cells, Object cell) {
    if (cell == null) {
      cells.addNull();
    } else if (cell instanceof Integer i) {
      cells.add(i);
    } else if (cell instanceof Long l) {
      cells.add(l);
    } else if (cell instanceof Double d) {
      cells.add(d);
    } else if (cell instanceof BigDecimal b) {
      cells.add(b);
    } else if (cell instanceof Boolean b) {
      cells.add(b);
    } else if (cell instanceof JsonNode n) {
      cells.add(n);
    } else {
      cells.add(cell.toString());
    }
  }

  /** {@code meta.k8s.io/v1 PartialObjectMetadata} of an object. */
  public static ObjectNode partial(ObjectNode o, ResourceDefinition def) {
    ObjectNode p = Json.MAPPER.createObjectNode();
    p.put("kind", "PartialObjectMetadata");
    p.put("apiVersion", "meta.k8s.io/v1");
    JsonNode meta = o.get("metadata");
    p.set("metadata", meta == null ? Json.MAPPER.createObjectNode() : meta.deepCopy());
    return p;
  }

  public static ObjectNode partialList(
      List<ObjectNode> objects, ResourceDefinition def, ObjectNode listMeta) {
    ObjectNode list = Json.MAPPER.createObjectNode();
    list.put("kind", "PartialObjectMetadataList");
    list.put("apiVersion", "meta.k8s.io/v1");
    list.set("metadata", listMeta);
    ArrayNode items = list.putArray("items");
    for (ObjectNode o : objects) {
      items.add(partial(o, def));
    }
    return list;
  }
}
