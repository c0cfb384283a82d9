package io.karavel.client;

import java.net.URI;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The in-process API server's loopback listener, registered as an OSGi service by the API server
 * while that listener serves (since 1.2): cleartext HTTP/1.1 on {@code 127.0.0.1} and a bearer
 * token that is valid only there and only for the life of the API server's process. The {@link
 * KubeClientProvider} of the same framework builds its clients for it instead of reading the
 * kubeconfig, so in-process components skip TLS.
 *
 * <p>The token authenticates as {@code system:apiserver} in group {@code system:masters}: do not
 * log it or hand it out of the process.
 */
@ProviderType
public interface LoopbackEndpoint {

  /** The listener's base URL, {@code http://127.0.0.1:<port>}. */
  URI url();

  /** The bearer token the loopback listener accepts. */
  String token();
}
