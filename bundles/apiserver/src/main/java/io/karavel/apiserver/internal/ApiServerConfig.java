package io.karavel.apiserver.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the API server (PID {@code io.karavel.apiserver}). */
@ObjectClassDefinition(
    name = "Karavel API server",
    description = "The Kubernetes API server: listener, certificates, request chain and limits.")
public @interface ApiServerConfig {

  @AttributeDefinition(description = "HTTPS port.")
  int port() default 6443;

  @AttributeDefinition(description = "Address to listen on; 0.0.0.0 for every interface.")
  String bindAddress() default "0.0.0.0";

  @AttributeDefinition(
      description =
          "Directory of the cluster CA and the server and admin certificates; generated on first"
              + " start. Empty means ${karaf.data}/pki.")
  String pkiDir() default "";

  @AttributeDefinition(
      description =
          "PEM certificate of the cluster CA, shared by every control plane of the cluster; created"
              + " with caKeyFile when both are missing. Empty means ca.crt in pkiDir.")
  String caCertFile() default "";

  @AttributeDefinition(
      description = "PEM private key of the cluster CA. Empty means ca.key in pkiDir.")
  String caKeyFile() default "";

  @AttributeDefinition(
      description =
          "PEM private key that signs service-account tokens, shared by every control plane;"
              + " created (RSA 2048) with serviceAccountPublicKeyFile when both are missing. Empty"
              + " means sa.key in pkiDir.")
  String serviceAccountKeyFile() default "";

  @AttributeDefinition(
      description =
          "PEM public key (BEGIN PUBLIC KEY) that verifies service-account tokens, served in"
              + " /openid/v1/jwks. Empty means sa.pub in pkiDir.")
  String serviceAccountPublicKeyFile() default "";

  @AttributeDefinition(
      description =
          "Where the admin kubeconfig is written. Empty means ${karaf.data}/admin.kubeconfig.")
  String adminKubeconfig() default "";

  @AttributeDefinition(description = "Extra subject alternative names of the serving certificate.")
  String[] extraSans() default {};

  @AttributeDefinition(description = "Authenticators to ask, in order (service names).")
  String[] authenticators() default {"x509"};

  @AttributeDefinition(description = "Authorizers to ask, in order (service names).")
  String[] authorizers() default {"masters"};

  @AttributeDefinition(
      name = "admission.mutating",
      description = "Mutating admission plugins to run, in order.")
  String[] admission_mutating() default {};

  @AttributeDefinition(
      name = "admission.validating",
      description = "Validating admission plugins to run, in order.")
  String[] admission_validating() default {};

  @AttributeDefinition(description = "Largest request body accepted, in bytes (413 above).")
  int maxRequestBodyBytes() default 3 * 1024 * 1024;

  @AttributeDefinition(description = "Concurrent non-mutating requests before 429.")
  int maxInFlight() default 400;

  @AttributeDefinition(description = "Concurrent mutating requests before 429.")
  int maxMutatingInFlight() default 200;

  @AttributeDefinition(description = "Seconds a non-watch request may take before 504.")
  int requestTimeoutSeconds() default 60;

  @AttributeDefinition(
      description =
          "Watches without timeoutSeconds end after a random time between this and twice this.")
  int minRequestTimeoutSeconds() default 1800;

  @AttributeDefinition(description = "Interval of watch bookmarks, in milliseconds.")
  long bookmarkIntervalMillis() default 60000;

  @AttributeDefinition(
      description =
          "IPv4 CIDR of Service cluster IPs; its first address is the kubernetes service's.")
  String serviceClusterIpRange() default "10.96.0.0/12";

  @AttributeDefinition(description = "Node ports of NodePort and LoadBalancer Services (min-max).")
  String serviceNodePortRange() default "30000-32767";

  @AttributeDefinition(
      description =
          "Address published in the default/kubernetes Endpoints; empty: the bind address, or"
              + " this host's first non-loopback IPv4 address.")
  String advertiseAddress() default "";
}
