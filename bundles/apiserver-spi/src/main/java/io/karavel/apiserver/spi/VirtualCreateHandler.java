package io.karavel.apiserver.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.auth.Authorizer;
import io.karavel.apiserver.spi.auth.UserInfo;

/**
 * Answers a create of a resource that is computed rather than stored, such as {@code
 * SelfSubjectAccessReview}.
 */
@FunctionalInterface
public interface VirtualCreateHandler {

  /**
   * @param object the request body, already decoded and defaulted
   * @param user the requesting user
   * @param authorizer the API server's effective authorizer chain
   * @return the object to return with 201 Created (usually {@code object} with {@code status} set)
   */
  ObjectNode create(ObjectNode object, UserInfo user, Authorizer authorizer);
}
