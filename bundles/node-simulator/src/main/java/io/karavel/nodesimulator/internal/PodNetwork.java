package io.karavel.nodesimulator.internal;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Fake pod addresses: the cluster CIDR is cut into one subnet per simulated node (as the node IPAM
 * controller hands out {@code spec.podCIDR}); the node itself takes the subnet's first address and
 * its pods the following ones, released when the pod goes away. Nothing is routed: the addresses
 * only fill {@code status.podIP} and {@code status.hostIP}.
 */
final class PodNetwork {
  private final long base;
  private final int clusterBits;
  private final int nodeBits;
  private final BitSet usedSubnets = new BitSet();
  private final Map<String, NodeSubnet> nodes = new HashMap<>();

  /**
   * @param clusterCidr e.g. {@code 10.128.0.0/9}
   * @param nodeMaskSize prefix length of each node's subnet, e.g. 24 (254 addresses)
   */
  PodNetwork(String clusterCidr, int nodeMaskSize) {
    int slash = clusterCidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("podCidr " + clusterCidr + " is not address/prefix");
    }
    clusterBits = Integer.parseInt(clusterCidr.substring(slash + 1).trim());
    if (clusterBits < 1 || nodeMaskSize <= clusterBits || nodeMaskSize > 30) {
      throw new IllegalArgumentException(
          "node mask /" + nodeMaskSize + " does not fit in " + clusterCidr);
    }
    nodeBits = nodeMaskSize;
    long addr = parse(clusterCidr.substring(0, slash).trim());
    long mask = (0xFFFFFFFFL << (32 - clusterBits)) & 0xFFFFFFFFL;
    base = addr & mask;
  }

  /** Gives {@code node} a subnet (the same one again if it has one); null when all are taken. */
  synchronized NodeSubnet assign(String node) {
    NodeSubnet s = nodes.get(node);
    if (s != null) {
      return s;
    }
    int i = usedSubnets.nextClearBit(0);
    if (i >= 1L << (nodeBits - clusterBits)) {
      return null;
    }
    usedSubnets.set(i);
    s = new NodeSubnet(i, base + ((long) i << (32 - nodeBits)), nodeBits);
    nodes.put(node, s);
    return s;
  }

  /** Returns the subnet of a node that is gone. */
  synchronized void release(String node) {
    NodeSubnet s = nodes.remove(node);
    if (s != null) {
      usedSubnets.clear(s.index);
    }
  }

  static long parse(String ip) {
    String[] p = ip.split("\\.");
    if (p.length != 4) {
      throw new IllegalArgumentException(ip + " is not an IPv4 address");
    }
    long v = 0;
    for (String part : p) {
      int b = Integer.parseInt(part);
      if (b < 0 || b > 255) {
        throw new IllegalArgumentException(ip + " is not an IPv4 address");
      }
      v = (v << 8) | b;
    }
    return v;
  }

  static String format(long v) {
    return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
  }

  /** One node's subnet: its CIDR, the node's own address and its pods' addresses. */
  static final class NodeSubnet {
    private final int index;
    private final long network;
    private final int bits;
    private final int hosts;
    private final BitSet used = new BitSet();
    private final Map<String, Integer> byPod = new HashMap<>();

    private NodeSubnet(int index, long network, int bits) {
      this.index = index;
      this.network = network;
      this.bits = bits;
      this.hosts = (1 << (32 - bits)) - 2;
      used.set(0); // the network address
      used.set(1); // the node
    }

    String cidr() {
      return format(network) + "/" + bits;
    }

    String nodeAddress() {
      return format(network + 1);
    }

    /**
     * The address of pod {@code uid} (the same one on every call); null when the subnet is full.
     */
    synchronized String podAddress(String uid) {
      Integer i = byPod.get(uid);
      if (i == null) {
        int free = used.nextClearBit(2);
        if (free > hosts) {
          return null;
        }
        used.set(free);
        byPod.put(uid, free);
        i = free;
      }
      return format(network + i);
    }

    synchronized void releasePod(String uid) {
      Integer i = byPod.remove(uid);
      if (i != null) {
        used.clear(i);
      }
    }
  }
}
