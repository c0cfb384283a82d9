package io.karavel.authn.x509.internal;

import io.karavel.apiserver.spi.auth.AuthenticationException;
import io.karavel.apiserver.spi.auth.AuthenticationRequest;
import io.karavel.apiserver.spi.auth.Authenticator;
import io.karavel.apiserver.spi.auth.UserInfo;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.osgi.service.component.annotations.Component;

/**
 * Client-certificate authentication: the TLS layer has verified the chain against the cluster CA;
 * the user is the leaf's subject CN and the groups are its O values, as upstream's x509
 * authenticator.
 */
@Component(property = Authenticator.NAME + "=x509")
public final class X509Authenticator implements Authenticator {

  @Override
  public Optional<UserInfo> authenticate(AuthenticationRequest request) {
    List<X509Certificate> chain = request.clientCertificates();
    if (chain.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(userOf(chain.get(0)));
  }

  static UserInfo userOf(X509Certificate leaf) {
    String cn = null;
    List<String> groups = new ArrayList<>();
    try {
      for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN") && cn == null) {
          cn = String.valueOf(rdn.getValue());
        } else if (rdn.getType().equalsIgnoreCase("O")) {
          groups.add(String.valueOf(rdn.getValue()));
        }
      }
    } catch (InvalidNameException e) {
      throw new AuthenticationException("unreadable certificate subject");
    }
    if (cn == null || cn.isEmpty()) {
      throw new AuthenticationException("client certificate has no common name");
    }
    return new UserInfo(cn, groups);
  }
}
