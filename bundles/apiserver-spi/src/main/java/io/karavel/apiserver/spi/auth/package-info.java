/** Authentication and authorization extension points of the API server's request chain. */
@Export
@Version("1.0.0")
package io.karavel.apiserver.spi.auth;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
