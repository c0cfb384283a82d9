package io.karavel.api.core.internal;

/**
 * Syntax checks for IP addresses and CIDRs, done by hand because {@code InetAddress.getByName}
 * falls back to a DNS lookup for anything that is not a literal.
 */
final class IpAddresses {
  private IpAddresses() {}

  static final String INVALID_IP = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
  static final String INVALID_CIDR =
      "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

  static boolean isIp(String s) {
    return isIPv4(s) || isIPv6(s);
  }

  /** Dotted quad; leading zeros are accepted as by Go's {@code ParseIPSloppy}. */
  static boolean isIPv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  static boolean isIPv6(String s) {
    if (!s.contains(":")) {
      return false;
    }
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
    String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
    String[] sides = doubleColon >= 0 ? new String[] {head, tail} : new String[] {head};
    int groups = 0;
    for (int side = 0; side < sides.length; side++) {
      if (sides[side].isEmpty()) {
        continue;
      }
      String[] parts = sides[side].split(":", -1);
      for (int i = 0; i < parts.length; i++) {
        String p = parts[i];
        // An embedded IPv4 address may only be the very last part of the whole address.
        if (side == sides.length - 1 && i == parts.length - 1 && p.contains(".")) {
          if (!isIPv4(p)) {
            return false;
          }
          groups += 2;
          continue;
        }
        if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(IpAddresses::isHex)) {
          return false;
        }
        groups++;
      }
    }
    return doubleColon >= 0 ? groups < 8 : groups == 8;
  }

  /** {@code address/prefix} with a prefix length that fits the address family. */
  static boolean isCidr(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String ip = s.substring(0, slash);
    String prefix = s.substring(slash + 1);
    if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int bits = Integer.parseInt(prefix);
    if (isIPv4(ip)) {
      return bits <= 32;
    }
    return isIPv6(ip) && bits <= 128;
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
