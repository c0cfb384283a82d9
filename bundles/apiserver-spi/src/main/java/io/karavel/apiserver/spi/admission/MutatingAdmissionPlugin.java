package io.karavel.apiserver.spi.admission;

/**
 * Changes or refuses writes before validation. Register as a service with the property {@link
 * #NAME}; the API server's configuration ({@code admission.mutating}) lists which run, in order.
 */
public interface MutatingAdmissionPlugin {

  /** Service property naming the plugin in configuration. */
  String NAME = "karavel.admission.name";

  /**
   * May modify {@code request.object()} in place. Must be idempotent: the API server may call it
   * again when it retries a write after a conflict.
   *
   * @throws AdmissionException to refuse the write
   */
  void admit(AdmissionRequest request);
}
