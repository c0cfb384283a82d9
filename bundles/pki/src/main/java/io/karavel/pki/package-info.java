/**
 * The cluster's public key infrastructure: a CA, the API server's serving certificate, client
 * certificates, the service-account signing keys, the TLS stores built from them, and kubeconfig
 * files.
 */
@Export
@Version("1.1.0")
package io.karavel.pki;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
