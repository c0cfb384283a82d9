package io.karavel.api.core.internal;

import static io.karavel.api.core.internal.Validation.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * Endpoints: ports default to TCP; subsets need addresses, valid IPs, hostnames, node names and
 * ports. Upstream also rejects loopback, link-local and unspecified addresses; those are accepted
 * here so that single-host test clusters on loopback work.
 */
final class EndpointsStrategy implements ResourceStrategy {

  @Override
  public void applyDefaults(ObjectNode ep) {
    for (ObjectNode subset : Nodes.objects(ep, "subsets")) {
      for (ObjectNode port : Nodes.objects(subset, "ports")) {
        Nodes.defaultText(port, "protocol", "TCP");
      }
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode ep) {
    List<FieldError> out = new ArrayList<>();
    int i = 0;
    for (JsonNode ss : ep.path("subsets")) {
      String p = index("subsets", i++);
      if (Nodes.size(ss, "addresses") == 0 && Nodes.size(ss, "notReadyAddresses") == 0) {
        out.add(FieldError.required(p, "must specify `addresses` or `notReadyAddresses`"));
      }
      for (String list : List.of("addresses", "notReadyAddresses")) {
        int j = 0;
        for (JsonNode a : ss.path(list)) {
          address(a, index(p + "." + list, j++), out);
        }
      }
      int portCount = Nodes.size(ss, "ports");
      int j = 0;
      for (JsonNode port : ss.path("ports")) {
        String pp = index(p + ".ports", j++);
        String name = Nodes.text(port, "name");
        if (portCount > 1 && name.isEmpty()) {
          out.add(FieldError.required(pp + ".name", ""));
        } else if (!name.isEmpty()) {
          Validation.dns1123Label(name, pp + ".name", out);
        }
        long n = port.path("port").asLong(0);
        if (!Validation.validPort(n)) {
          out.add(FieldError.invalid(pp + ".port", n, Validation.inclusiveRange(1, 65535)));
        }
        PodSpecValidator.protocol(port, pp + ".protocol", out);
        if (!Nodes.unset(port, "appProtocol")) {
          Validation.qualifiedName(Nodes.text(port, "appProtocol"), pp + ".appProtocol", out);
        }
      }
    }
    return out;
  }

  private static void address(JsonNode a, String p, List<FieldError> out) {
    String ip = Nodes.text(a, "ip");
    if (!IpAddresses.isIp(ip)) {
      out.add(FieldError.invalid(p + ".ip", ip, IpAddresses.INVALID_IP));
    }
    String hostname = Nodes.text(a, "hostname");
    if (!hostname.isEmpty()) {
      Validation.dns1123Label(hostname, p + ".hostname", out);
    }
    JsonNode node = a.get("nodeName");
    if (node != null && !node.isNull()) {
      Validation.dns1123Subdomain(node.asText(), p + ".nodeName", out);
    }
  }
}
