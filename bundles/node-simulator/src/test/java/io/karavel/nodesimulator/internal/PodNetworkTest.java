package io.karavel.nodesimulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PodNetworkTest {

  @Test
  void eachNodeGetsItsOwnSubnetAndPodsTheAddressesAfterTheNodes() {
    PodNetwork net = new PodNetwork("10.128.0.0/9", 24);
    PodNetwork.NodeSubnet a = net.assign("a");
    PodNetwork.NodeSubnet b = net.assign("b");
    assertThat(a.cidr()).isEqualTo("10.128.0.0/24");
    assertThat(b.cidr()).isEqualTo("10.128.1.0/24");
    assertThat(net.assign("a")).isSameAs(a);
    assertThat(a.nodeAddress()).isEqualTo("10.128.0.1");
    assertThat(a.podAddress("p1")).isEqualTo("10.128.0.2");
    assertThat(a.podAddress("p2")).isEqualTo("10.128.0.3");
    assertThat(a.podAddress("p1")).as("stable per pod").isEqualTo("10.128.0.2");
    a.releasePod("p1");
    assertThat(a.podAddress("p3")).as("released addresses are reused").isEqualTo("10.128.0.2");
    net.release("a");
    assertThat(net.assign("c").cidr()).isEqualTo("10.128.0.0/24");
  }

  @Test
  void subnetsAndAddressesRunOut() {
    PodNetwork net = new PodNetwork("192.168.0.0/23", 24);
    assertThat(net.assign("a")).isNotNull();
    assertThat(net.assign("b").cidr()).isEqualTo("192.168.1.0/24");
    assertThat(net.assign("c")).isNull();
    PodNetwork small = new PodNetwork("192.168.0.0/24", 30); // 2 usable: the node and one pod
    PodNetwork.NodeSubnet s = small.assign("n");
    assertThat(s.podAddress("p1")).isEqualTo("192.168.0.2");
    assertThat(s.podAddress("p2")).isNull();
  }

  @Test
  void badCidrsAreRefused() {
    assertThatThrownBy(() -> new PodNetwork("10.0.0.0", 24)).hasMessageContaining("address/prefix");
    assertThatThrownBy(() -> new PodNetwork("10.0.0.0/24", 24))
        .hasMessageContaining("does not fit");
    assertThatThrownBy(() -> new PodNetwork("10.0.300.0/16", 24)).hasMessageContaining("IPv4");
  }
}
