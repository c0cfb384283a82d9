/**
 * The loopback transport: how code running in the same OSGi framework as the API server reaches it
 * without a network connection, as upstream's components reach their own API server through a
 * loopback client.
 *
 * <p>The API server registers a {@link io.karavel.apiserver.spi.loopback.LoopbackApiServer}
 * service. A client in the same framework hands it requests as they would go over HTTP (method,
 * path and query, headers, body, and the client certificate chain it would present in TLS), and
 * receives the status, headers and body through a {@link
 * io.karavel.apiserver.spi.loopback.LoopbackResponse}. The request goes through the same chain as
 * one over HTTPS: authentication, the in-flight limits, authorization, admission, validation.
 */
@Export
@Version("1.0.0")
package io.karavel.apiserver.spi.loopback;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
