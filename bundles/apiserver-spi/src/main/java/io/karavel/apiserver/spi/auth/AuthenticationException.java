package io.karavel.apiserver.spi.auth;

/** Credentials were presented but are invalid: the request fails with 401 Unauthorized. */
public class AuthenticationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AuthenticationException(String message) {
    super(message);
  }
}
