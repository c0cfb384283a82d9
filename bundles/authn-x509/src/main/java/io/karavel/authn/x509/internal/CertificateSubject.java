package io.karavel.authn.x509.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * The parts of a certificate subject that name a Kubernetes user, read as Go's {@code pkix.Name}
 * does: attributes in certificate order, the last CN wins, every O is kept in order, values that
 * are not strings are skipped.
 *
 * @param commonName the CN, if any
 * @param organizations the O values, in order
 */
record CertificateSubject(Optional<String> commonName, List<String> organizations) {

  CertificateSubject {
    organizations = List.copyOf(organizations);
  }

  static CertificateSubject of(X500Principal principal) {
    String commonName = null;
    List<String> organizations = new ArrayList<>();
    try {
      // LdapName lists RDNs right to left, which is the certificate's own order.
      for (Rdn rdn : new LdapName(principal.getName(X500Principal.RFC2253)).getRdns()) {
        for (String value : strings(rdn, "CN")) {
          commonName = value;
        }
        organizations.addAll(strings(rdn, "O"));
      }
    } catch (NamingException e) {
      throw new IllegalArgumentException("unreadable subject " + principal, e);
    }
    return new CertificateSubject(
        Optional.ofNullable(commonName).filter(cn -> !cn.isEmpty()), organizations);
  }

  // A multi-valued RDN (O=a+O=b) carries several values of one type.
  private static List<String> strings(Rdn rdn, String type) throws NamingException {
    Attribute attribute = rdn.toAttributes().get(type);
    List<String> values = new ArrayList<>();
    if (attribute == null) {
      return values;
    }
    NamingEnumeration<?> all = attribute.getAll();
    while (all.hasMore()) {
      if (all.next() instanceof String s) {
        values.add(s);
      }
    }
    return values;
  }
}
