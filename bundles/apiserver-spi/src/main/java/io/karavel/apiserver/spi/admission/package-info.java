/** Admission extension points: mutating plugins run before validation, validating plugins after. */
@Export
@Version("1.0.0")
package io.karavel.apiserver.spi.admission;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
