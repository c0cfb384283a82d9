package io.karavel.scheduler.spi;

/**
 * A host port a pod uses on its node.
 *
 * @param ip host IP, {@code 0.0.0.0} for all addresses
 * @param protocol {@code TCP}, {@code UDP} or {@code SCTP}
 * @param port the port
 */
public record HostPort(String ip, String protocol, int port) {

  public static final String ANY_IP = "0.0.0.0";

  /**
   * Whether the two cannot be used on one node: same protocol and port, and the same IP or either
   * one bound to all addresses.
   */
  public boolean conflicts(HostPort o) {
    return port == o.port
        && protocol.equals(o.protocol)
        && (ip.equals(o.ip) || ANY_IP.equals(ip) || ANY_IP.equals(o.ip));
  }
}
