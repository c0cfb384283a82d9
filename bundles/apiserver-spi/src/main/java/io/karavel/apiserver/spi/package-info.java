/**
 * Resource definitions: each served resource described once; routing, discovery, OpenAPI, tables
 * and completion derive from them. A bundle adds an API group by registering {@link
 * io.karavel.apiserver.spi.ResourceProvider} services.
 */
@Export
@Version("1.1.0")
package io.karavel.apiserver.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
