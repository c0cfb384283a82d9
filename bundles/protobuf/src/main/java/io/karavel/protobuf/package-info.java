/**
 * Kubernetes protobuf bodies ({@code application/vnd.kubernetes.protobuf}) to and from the JSON
 * trees the API server works on.
 */
@Export
@Version("1.0.0")
package io.karavel.protobuf;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
