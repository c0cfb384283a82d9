package io.karavel.apiserver.internal;

/** An IPv4 network in CIDR notation ({@code 10.96.0.0/12}): membership and addresses by offset. */
record Ipv4Cidr(long base, int prefixLength) {

  static Ipv4Cidr parse(String cidr) {
    String[] parts = cidr.trim().split("/", 2);
    if (parts.length != 2) {
      throw new IllegalArgumentException("not a CIDR: " + cidr);
    }
    Long address = toLong(parts[0]);
    int prefix;
    try {
      prefix = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a CIDR: " + cidr, e);
    }
    if (address == null || prefix < 1 || prefix > 30) {
      throw new IllegalArgumentException(
          "not an IPv4 CIDR with a prefix length between 1 and 30: " + cidr);
    }
    long mask = (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    return new Ipv4Cidr(address & mask, prefix);
  }

  /** The number of addresses, network and broadcast included. */
  long size() {
    return 1L << (32 - prefixLength);
  }

  /** The address at {@code offset} from the network address. */
  String address(long offset) {
    return toString(base + offset);
  }

  boolean contains(String ip) {
    Long a = toLong(ip);
    return a != null && a > base && a < base + size() - 1;
  }

  /** The dotted address, or null when {@code ip} is not an IPv4 address. */
  static Long toLong(String ip) {
    String[] octets = ip.split("\\.", -1);
    if (octets.length != 4) {
      return null;
    }
    long v = 0;
    for (String o : octets) {
      if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(Character::isDigit)) {
        return null;
      }
      int n = Integer.parseInt(o);
      if (n > 255) {
        return null;
      }
      v = (v << 8) | n;
    }
    return v;
  }

  static String toString(long v) {
    return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
  }

  @Override
  public String toString() {
    return toString(base) + "/" + prefixLength;
  }
}
