package io.karavel.api.extra.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.auth.AuthorizationAttributes;
import io.karavel.apiserver.spi.auth.AuthorizationDecision;
import io.karavel.apiserver.spi.auth.Authorizer;
import io.karavel.apiserver.spi.auth.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SelfSubjectAccessReviewTest {
  private static final UserInfo ALICE =
      new UserInfo("alice", List.of("devs", UserInfo.SYSTEM_AUTHENTICATED));

  /** Records what it was asked and answers with a fixed decision. */
  private static final class FakeAuthorizer implements Authorizer {
    final List<AuthorizationAttributes> asked = new ArrayList<>();
    final AuthorizationDecision answer;

    FakeAuthorizer(AuthorizationDecision answer) {
      this.answer = answer;
    }

    @Override
    public AuthorizationDecision authorize(AuthorizationAttributes attributes) {
      asked.add(attributes);
      return answer;
    }
  }

  private final SelfSubjectAccessReviewHandler handler = new SelfSubjectAccessReviewHandler();

  private static ObjectNode canI(String attributes) {
    return Json.parse(
        "{'apiVersion':'authorization.k8s.io/v1','kind':'SelfSubjectAccessReview',"
            + "'metadata':{},'spec':{"
            + attributes
            + "}}");
  }

  static Stream<Arguments> decisions() {
    return Stream.of(
        Arguments.of(
            AuthorizationDecision.allow("RBAC: allowed by ClusterRoleBinding devs"),
            "{'allowed':true,'reason':'RBAC: allowed by ClusterRoleBinding devs'}"),
        Arguments.of(
            AuthorizationDecision.deny("explicitly denied"),
            "{'allowed':false,'denied':true,'reason':'explicitly denied'}"),
        Arguments.of(AuthorizationDecision.noOpinion(), "{'allowed':false}"));
  }

  @ParameterizedTest
  @MethodSource("decisions")
  void reportsTheDecision(AuthorizationDecision decision, String status) {
    FakeAuthorizer authz = new FakeAuthorizer(decision);
    ObjectNode review =
        handler.create(
            canI(
                "'resourceAttributes':{'namespace':'dev','verb':'create','group':'apps',"
                    + "'resource':'deployments','subresource':'scale','name':'web'}"),
            ALICE,
            authz);
    assertThat(review.get("status")).isEqualTo(Json.parse(status));
    assertThat(review.at("/spec/resourceAttributes/verb").asText()).isEqualTo("create");
    assertThat(authz.asked)
        .containsExactly(
            new AuthorizationAttributes(
                ALICE, "create", true, "apps", "*", "deployments", "scale", "dev", "web", ""));
  }

  @Test
  void nonResourceRequest() {
    FakeAuthorizer authz = new FakeAuthorizer(AuthorizationDecision.allow(""));
    ObjectNode review =
        handler.create(
            canI("'nonResourceAttributes':{'path':'/healthz','verb':'get'}"), ALICE, authz);
    assertThat(review.get("status")).isEqualTo(Json.parse("{'allowed':true}"));
    assertThat(authz.asked)
        .containsExactly(
            new AuthorizationAttributes(ALICE, "get", false, "", "", "", "", "", "", "/healthz"));
  }

  @Test
  void explicitVersionIsPassedOn() {
    FakeAuthorizer authz = new FakeAuthorizer(AuthorizationDecision.noOpinion());
    handler.create(
        canI("'resourceAttributes':{'verb':'list','version':'v1','resource':'pods'}"),
        ALICE,
        authz);
    assertThat(authz.asked.get(0).apiVersion()).isEqualTo("v1");
    assertThat(authz.asked.get(0).namespace()).isEmpty();
  }

  @Test
  void authorizerFailureIsAnEvaluationError() {
    Authorizer broken =
        a -> {
          throw new IllegalStateException("webhook down");
        };
    ObjectNode review =
        handler.create(
            canI("'resourceAttributes':{'verb':'get','resource':'pods'}"), ALICE, broken);
    assertThat(review.get("status"))
        .isEqualTo(Json.parse("{'allowed':false,'evaluationError':'webhook down'}"));
  }

  @Test
  void exactlyOneKindOfAttributes() {
    SelfSubjectAccessReviewStrategy strategy = new SelfSubjectAccessReviewStrategy();
    assertThat(strategy.validate(canI("")))
        .containsExactly(
            FieldError.invalid(
                "spec.resourceAttributes",
                "null",
                "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
    assertThat(
            strategy.validate(
                canI(
                    "'resourceAttributes':{'verb':'get'},"
                        + "'nonResourceAttributes':{'path':'/x','verb':'get'}")))
        .containsExactly(
            new FieldError(
                "FieldValueInvalid",
                "spec.nonResourceAttributes",
                "Invalid value: authorization.NonResourceAttributes{Path:\"/x\", Verb:\"get\"}:"
                    + " cannot be specified in combination with resourceAttributes"));
    assertThat(strategy.validate(canI("'resourceAttributes':{'verb':'get'}"))).isEmpty();
  }
}
