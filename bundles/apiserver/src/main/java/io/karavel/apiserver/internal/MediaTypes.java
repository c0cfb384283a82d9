package io.karavel.apiserver.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Accept and Content-Type parsing, for the media types the API server speaks. */
public final class MediaTypes {
  private MediaTypes() {}

  public static final String JSON = "application/json";
  public static final String YAML = "application/yaml";
  public static final String PROTOBUF = "application/vnd.kubernetes.protobuf";
  public static final String MERGE_PATCH = "application/merge-patch+json";
  public static final String JSON_PATCH = "application/json-patch+json";
  public static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  public static final String APPLY_PATCH = "application/apply-patch+yaml";
  public static final String APPLY_PATCH_CBOR = "application/apply-patch+cbor";

  /** What a response should be rendered as. */
  public enum Rendering {
    OBJECT,
    TABLE,
    PARTIAL_METADATA,
    PARTIAL_METADATA_LIST
  }

  /** One entry of an Accept header. */
  public record MediaRange(String type, Map<String, String> params) {
    String param(String name) {
      return params.get(name);
    }
  }

  public static List<MediaRange> parseAccept(String header) {
    List<MediaRange> out = new ArrayList<>();
    if (header == null || header.isBlank()) {
      return out;
    }
    for (String part : header.split(",")) {
      String[] bits = part.trim().split(";");
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 1; i < bits.length; i++) {
        int eq = bits[i].indexOf('=');
        if (eq > 0) {
          params.put(
              bits[i].substring(0, eq).trim().toLowerCase(Locale.ROOT),
              bits[i].substring(eq + 1).trim());
        }
      }
      out.add(new MediaRange(bits[0].trim().toLowerCase(Locale.ROOT), params));
    }
    return out;
  }

  /** The bare media type of a Content-Type header. */
  public static String baseType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  /**
   * Picks the rendering of a GET/LIST/WATCH response: the first acceptable entry wins, as upstream
   * negotiates (Table of meta.k8s.io v1 or v1beta1, PartialObjectMetadata[List], else the object).
   */
  public static Rendering rendering(String accept, boolean list) {
    for (MediaRange r : parseAccept(accept)) {
      String as = r.param("as");
      if (as == null) {
        if (r.type().equals(JSON)
            || r.type().equals(YAML)
            || r.type().equals("*/*")
            || r.type().equals(PROTOBUF)) {
          return Rendering.OBJECT;
        }
        continue;
      }
      String g = r.param("g");
      if (!"meta.k8s.io".equals(g)) {
        continue;
      }
      if (as.equals("Table")) {
        return Rendering.TABLE;
      }
      if (as.equals("PartialObjectMetadata") && !list) {
        return Rendering.PARTIAL_METADATA;
      }
      if (as.equals("PartialObjectMetadataList") && list) {
        return Rendering.PARTIAL_METADATA_LIST;
      }
    }
    return Rendering.OBJECT;
  }

  /** The meta.k8s.io version the client asked its Table in ({@code v1} unless v1beta1 first). */
  public static String tableVersion(String accept) {
    for (MediaRange r : parseAccept(accept)) {
      if ("Table".equals(r.param("as"))) {
        return r.param("v") == null ? "v1" : r.param("v");
      }
    }
    return "v1";
  }

  public static boolean prefersYaml(String accept) {
    for (MediaRange r : parseAccept(accept)) {
      if (r.type().equals(YAML)) {
        return true;
      }
      if (r.type().equals(JSON) || r.type().equals("*/*")) {
        return false;
      }
    }
    return false;
  }

  /** Whether the client wants the aggregated discovery document (apidiscovery.k8s.io v2). */
  public static String aggregatedDiscoveryVersion(String accept) {
    for (MediaRange r : parseAccept(accept)) {
      if ("APIGroupDiscoveryList".equals(r.param("as"))
          && "apidiscovery.k8s.io".equals(r.param("g"))) {
        String v = r.param("v");
        if ("v2".equals(v) || "v2beta1".equals(v)) {
          return v;
        }
      }
      if (r.type().equals(JSON) && r.params().isEmpty()) {
        return null;
      }
    }
    return null;
  }
}
