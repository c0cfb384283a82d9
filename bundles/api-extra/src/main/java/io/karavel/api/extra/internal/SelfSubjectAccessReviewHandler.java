package io.karavel.api.extra.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.api.common.internal.Nodes;
import io.karavel.apiserver.spi.VirtualCreateHandler;
import io.karavel.apiserver.spi.auth.AuthorizationAttributes;
import io.karavel.apiserver.spi.auth.AuthorizationDecision;
import io.karavel.apiserver.spi.auth.Authorizer;
import io.karavel.apiserver.spi.auth.UserInfo;

/**
 * Answers {@code kubectl auth can-i}: asks the API server's authorizer chain about the requesting
 * user and reports the decision in {@code status}, as upstream's SelfSubjectAccessReview REST.
 */
final class SelfSubjectAccessReviewHandler implements VirtualCreateHandler {

  @Override
  public ObjectNode create(ObjectNode review, UserInfo user, Authorizer authorizer) {
    AuthorizationAttributes attributes = attributes(review.path("spec"), user);
    ObjectNode status = review.putObject("status");
    AuthorizationDecision decision;
    try {
      decision =
          authorizer == null ? AuthorizationDecision.noOpinion() : authorizer.authorize(attributes);
    } catch (RuntimeException e) {
      // upstream reports the evaluation error and leaves the request not allowed
      status.put("allowed", false);
      status.put("evaluationError", String.valueOf(e.getMessage()));
      return review;
    }
    status.put("allowed", decision.decision() == AuthorizationDecision.Decision.ALLOW);
    if (decision.decision() == AuthorizationDecision.Decision.DENY) {
      status.put("denied", true);
    }
    if (decision.reason() != null && !decision.reason().isEmpty()) {
      status.put("reason", decision.reason());
    }
    return review;
  }

  static AuthorizationAttributes attributes(JsonNode spec, UserInfo user) {
    JsonNode ra = spec.get("resourceAttributes");
    if (ra != null && !ra.isNull()) {
      String version = Nodes.text(ra, "version");
      return new AuthorizationAttributes(
          user,
          Nodes.text(ra, "verb"),
          true,
          Nodes.text(ra, "group"),
          version.isEmpty() ? "*" : version,
          Nodes.text(ra, "resource"),
          Nodes.text(ra, "subresource"),
          Nodes.text(ra, "namespace"),
          Nodes.text(ra, "name"),
          "");
    }
    JsonNode nra = spec.path("nonResourceAttributes");
    return new AuthorizationAttributes(
        user, Nodes.text(nra, "verb"), false, "", "", "", "", "", "", Nodes.text(nra, "path"));
  }
}
