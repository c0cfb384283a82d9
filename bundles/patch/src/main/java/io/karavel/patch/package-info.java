/**
 * Patches on JSON trees: JSON merge patch, JSON patch, strategic merge patch, and server-side apply
 * with {@code metadata.managedFields} bookkeeping.
 */
@Export
@Version("1.0.0")
package io.karavel.patch;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
