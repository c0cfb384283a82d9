package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI v3 root with no group-version documents yet: the schema generator (bundle {@code
 * io.karavel.schema}) has not landed, so clients that validate against OpenAPI (kubectl apply,
 * create -f, explain) need {@code --validate=false} for now.
 */
final class MinimalOpenApi implements OpenApi {

  @Override
  public ObjectNode root() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.putObject("paths");
    return root;
  }

  @Override
  public byte[] document(String path) {
    return null;
  }
}
