/**
 * Schemas of the served kinds, derived from their model classes: navigation for patching and
 * validation, unknown- and duplicate-field detection for {@code fieldValidation}, list merge
 * metadata for strategic merge patch and server-side apply, and OpenAPI v3 documents.
 */
@Export
@Version("1.1.0")
package io.karavel.schema;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
