package io.karavel.pki.internal;

import io.karavel.pki.KeyAlgorithm;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a leaf certificate should say.
 *
 * @param commonName subject CN
 * @param organizations subject O values, in order
 * @param dnsNames DNS subject alternative names
 * @param ipAddresses IP subject alternative names
 * @param purpose serverAuth or clientAuth
 * @param keyAlgorithm type of the fresh key
 * @param validity lifetime (capped at the CA's expiry)
 */
record LeafRequest(
    String commonName,
    List<String> organizations,
    Set<String> dnsNames,
    Set<InetAddress> ipAddresses,
    Purpose purpose,
    KeyAlgorithm keyAlgorithm,
    Duration validity) {

  /** The extended key usage of a leaf. */
  enum Purpose {
    SERVER,
    CLIENT
  }

  LeafRequest {
    if (commonName == null || commonName.isBlank()) {
      throw new IllegalArgumentException("a certificate needs a common name");
    }
    organizations = List.copyOf(organizations);
    for (String o : organizations) {
      if (o == null || o.isBlank()) {
        throw new IllegalArgumentException("blank organization in " + organizations);
      }
    }
    dnsNames = Collections.unmodifiableSet(new LinkedHashSet<>(dnsNames));
    ipAddresses = Collections.unmodifiableSet(new LinkedHashSet<>(ipAddresses));
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
    if (validity == null || validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity must be positive: " + validity);
    }
  }
}
