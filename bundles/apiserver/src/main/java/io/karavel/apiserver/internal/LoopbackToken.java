package io.karavel.apiserver.internal;

import io.karavel.apiserver.spi.auth.UserInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The loopback client's credential, as upstream's privileged loopback token: a random bearer token
 * made at each start of the API server and kept in memory only, which authenticates as {@value
 * #USER} in {@code system:masters} (with a random uid per start, as upstream). The handler accepts
 * it only on the loopback listener.
 */
final class LoopbackToken {

  /** Upstream's {@code user.APIServerUser}. */
  static final String USER = "system:apiserver";

  private static final int TOKEN_BYTES = 32;
  private static final String BEARER = "bearer ";

  private final String token;
  private final byte[] tokenBytes;
  private final UserInfo user;

  private LoopbackToken(String token) {
    this.token = token;
    this.tokenBytes = token.getBytes(StandardCharsets.US_ASCII);
    this.user =
        new UserInfo(
            USER,
            UUID.randomUUID().toString(),
            List.of(UserInfo.SYSTEM_AUTHENTICATED, UserInfo.SYSTEM_MASTERS),
            Map.of());
  }

  /** A new token of 32 random bytes from {@link SecureRandom}, base64url without padding. */
  static LoopbackToken generate() {
    byte[] random = new byte[TOKEN_BYTES];
    new SecureRandom().nextBytes(random);
    return new LoopbackToken(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
  }

  String token() {
    return token;
  }

  /**
   * The loopback user if {@code authorization} is {@code Bearer <this token>}, else null. The token
   * is compared in time independent of where it differs.
   */
  UserInfo authenticate(String authorization) {
    if (authorization == null
        || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    byte[] presented =
        authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(presented, tokenBytes) ? user : null;
  }

  @Override
  public String toString() {
    return "LoopbackToken[" + USER + "]";
  }
}
