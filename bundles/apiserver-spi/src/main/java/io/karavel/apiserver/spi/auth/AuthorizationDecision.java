package io.karavel.apiserver.spi.auth;

/**
 * An authorizer's answer.
 *
 * @param decision allow, deny or no opinion (the next authorizer is asked)
 * @param reason why, shown in the 403 message and in access reviews
 */
public record AuthorizationDecision(Decision decision, String reason) {

  /** The three outcomes of upstream's authorizers. */
  public enum Decision {
    ALLOW,
    DENY,
    NO_OPINION
  }

  public static AuthorizationDecision allow(String reason) {
    return new AuthorizationDecision(Decision.ALLOW, reason);
  }

  public static AuthorizationDecision deny(String reason) {
    return new AuthorizationDecision(Decision.DENY, reason);
  }

  public static AuthorizationDecision noOpinion() {
    return new AuthorizationDecision(Decision.NO_OPINION, "");
  }

  public boolean allowed() {
    return decision == Decision.ALLOW;
  }
}
