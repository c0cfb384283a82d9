package io.karavel.apiserver.spi.admission;

/**
 * Refuses writes after validation; must not change the object. Register as a service with the
 * property {@link MutatingAdmissionPlugin#NAME}; configuration ({@code admission.validating}) lists
 * which run, in order.
 */
public interface ValidatingAdmissionPlugin {

  /**
   * @throws AdmissionException to refuse the write
   */
  void validate(AdmissionRequest request);
}
