package io.karavel.pki.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.util.IPAddress;

/** DNS and IP subject alternative names, compared the way TLS clients match them. */
final class SubjectAltNames {

  private static final int DNS = 2;
  private static final int IP = 7;

  private SubjectAltNames() {}

  /**
   * Parses an IP literal without ever resolving a name (InetAddress would fall back to DNS).
   *
   * @throws IllegalArgumentException if {@code literal} is not an IPv4 or IPv6 address
   */
  static InetAddress ipLiteral(String literal) {
    String s = literal.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (!IPAddress.isValid(s)) {
      throw new IllegalArgumentException("not an IP address: " + literal);
    }
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + literal, e);
    }
  }

  static Set<InetAddress> ipLiterals(Collection<String> literals) {
    Set<InetAddress> result = new LinkedHashSet<>();
    for (String literal : literals) {
      result.add(ipLiteral(literal));
    }
    return result;
  }

  static Set<String> dnsNames(Collection<String> names) {
    Set<String> result = new LinkedHashSet<>();
    for (String name : names) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      if (n.isEmpty()) {
        throw new IllegalArgumentException("empty DNS name");
      }
      result.add(n);
    }
    return result;
  }

  static Set<String> dnsNamesOf(X509Certificate certificate) {
    Set<String> result = new LinkedHashSet<>();
    for (List<?> san : entries(certificate)) {
      if (((Integer) san.get(0)) == DNS) {
        result.add(((String) san.get(1)).toLowerCase(Locale.ROOT));
      }
    }
    return result;
  }

  static Set<InetAddress> ipAddressesOf(X509Certificate certificate) {
    Set<InetAddress> result = new LinkedHashSet<>();
    for (List<?> san : entries(certificate)) {
      if (((Integer) san.get(0)) == IP) {
        result.add(ipLiteral((String) san.get(1)));
      }
    }
    return result;
  }

  private static Collection<List<?>> entries(X509Certificate certificate) {
    try {
      Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
      return sans == null ? List.of() : sans;
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }
}
