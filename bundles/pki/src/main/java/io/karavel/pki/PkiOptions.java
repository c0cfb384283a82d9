package io.karavel.pki;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How {@link ClusterPki#loadOrCreate} generates certificates.
 *
 * @param extraDnsNames DNS names added to the serving certificate's default ones ({@code
 *     localhost}, the host name, {@code kubernetes}, {@code kubernetes.default}, {@code
 *     kubernetes.default.svc}, {@code kubernetes.default.svc.cluster.local})
 * @param extraIpAddresses IP address literals added to the default {@code 127.0.0.1} and {@code
 *     ::1}
 * @param keyAlgorithm key type of newly generated keys; an existing CA keeps its own type
 * @param caValidity lifetime of a newly generated CA
 * @param leafValidity lifetime of the serving and admin certificates
 */
public record PkiOptions(
    List<String> extraDnsNames,
    List<String> extraIpAddresses,
    KeyAlgorithm keyAlgorithm,
    Duration caValidity,
    Duration leafValidity) {

  /** Ten years, as kubeadm's CA. */
  public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(3650);

  /** One year, as kubeadm's leaf certificates. */
  public static final Duration DEFAULT_LEAF_VALIDITY = Duration.ofDays(365);

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  public PkiOptions {
    extraDnsNames = List.copyOf(extraDnsNames);
    extraIpAddresses = List.copyOf(extraIpAddresses);
    Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
    requirePositive(caValidity, "caValidity");
    requirePositive(leafValidity, "leafValidity");
  }

  /** ECDSA P-256, no extra names, a ten-year CA and one-year leaf certificates. */
  public static PkiOptions defaults() {
    return new PkiOptions(
        List.of(), List.of(), KeyAlgorithm.EC_P256, DEFAULT_CA_VALIDITY, DEFAULT_LEAF_VALIDITY);
  }

  /**
   * Adds subject alternative names given as one mixed list, as in configuration: IPv4 literals and
   * anything containing {@code :} are IP addresses, everything else a DNS name. Blank entries are
   * ignored.
   */
  public PkiOptions withExtraSans(Collection<String> sans) {
    List<String> dns = new ArrayList<>(extraDnsNames);
    List<String> ips = new ArrayList<>(extraIpAddresses);
    for (String san : sans) {
      String s = san.strip();
      if (s.isEmpty()) {
        continue;
      }
      if (IPV4.matcher(s).matches() || s.indexOf(':') >= 0) {
        ips.add(s);
      } else {
        dns.add(s);
      }
    }
    return new PkiOptions(dns, ips, keyAlgorithm, caValidity, leafValidity);
  }

  public PkiOptions withKeyAlgorithm(KeyAlgorithm algorithm) {
    return new PkiOptions(extraDnsNames, extraIpAddresses, algorithm, caValidity, leafValidity);
  }

  public PkiOptions withCaValidity(Duration validity) {
    return new PkiOptions(extraDnsNames, extraIpAddresses, keyAlgorithm, validity, leafValidity);
  }

  public PkiOptions withLeafValidity(Duration validity) {
    return new PkiOptions(extraDnsNames, extraIpAddresses, keyAlgorithm, caValidity, validity);
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
