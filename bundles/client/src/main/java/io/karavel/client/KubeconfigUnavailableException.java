package io.karavel.client;

/** Thrown when the kubeconfig a client is to be built from is missing or unusable. */
public class KubeconfigUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public KubeconfigUnavailableException(String message) {
    super(message);
  }

  public KubeconfigUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
