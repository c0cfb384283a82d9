package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The OpenAPI v3 documents served on {@code /openapi/v3}. */
interface OpenApi {

  /** {@code /openapi/v3}: the paths of the group-version documents with their hashes. */
  ObjectNode root();

  /** A group-version document such as {@code api/v1} or {@code apis/apps/v1}, or null if none. */
  byte[] document(String path);
}
