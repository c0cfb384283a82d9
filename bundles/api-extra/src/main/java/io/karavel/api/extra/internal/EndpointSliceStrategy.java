package io.karavel.api.extra.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.api.common.internal.GoValues;
import io.karavel.api.common.internal.Nodes;
import io.karavel.api.common.internal.Validation;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** discovery.k8s.io/v1 EndpointSlice defaulting and validation. */
final class EndpointSliceStrategy implements ResourceStrategy {
  static final int MAX_ENDPOINTS = 1000;
  static final int MAX_ADDRESSES = 100;
  static final int MAX_PORTS = 20000;
  private static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");
  private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})(\\.\\d{1,3}){3}");

  @Override
  public void applyDefaults(ObjectNode o) {
    for (ObjectNode port : Nodes.objects(o, "ports")) {
      if (Nodes.unset(port, "name")) {
        port.put("name", "");
      }
      if (Nodes.unset(port, "protocol")) {
        port.put("protocol", "TCP");
      }
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode o) {
    List<FieldError> out = new ArrayList<>();
    String type = Nodes.text(o, "addressType");
    validateEndpoints(o, type, out);
    if (type.isEmpty()) {
      out.add(FieldError.required("addressType", ""));
    } else if (!ADDRESS_TYPES.contains(type)) {
      out.add(FieldError.notSupported("addressType", type, ADDRESS_TYPES));
    }
    validatePorts(o, out);
    return out;
  }

  private static void validateEndpoints(JsonNode o, String type, List<FieldError> out) {
    int n = Nodes.size(o, "endpoints");
    if (n > MAX_ENDPOINTS) {
      out.add(tooMany("endpoints", n, MAX_ENDPOINTS));
      return;
    }
    int i = 0;
    for (JsonNode ep : o.path("endpoints")) {
      String p = "endpoints[" + i++ + "]";
      int addresses = Nodes.size(ep, "addresses");
      if (addresses == 0) {
        out.add(FieldError.required(p + ".addresses", "must contain at least 1 address"));
      } else if (addresses > MAX_ADDRESSES) {
        out.add(tooMany(p + ".addresses", addresses, MAX_ADDRESSES));
      }
      int j = 0;
      for (JsonNode a : ep.path("addresses")) {
        String ap = p + ".addresses[" + j++ + "]";
        String address = a.asText();
        switch (type) {
          case "IPv4" -> {
            if (!isIPv4(address)) {
              out.add(FieldError.invalid(ap, address, "must be a valid IPv4 address"));
            }
          }
          case "IPv6" -> {
            if (!isIPv6(address)) {
              out.add(FieldError.invalid(ap, address, "must be a valid IPv6 address"));
            }
          }
          case "FQDN" -> {
            for (String m : Validation.dns1123Subdomain(address)) {
              out.add(FieldError.invalid(ap, address, m));
            }
          }
          default -> {}
        }
      }
      String hostname = Nodes.text(ep, "hostname");
      if (!hostname.isEmpty()) {
        for (String m : Validation.dns1123Label(hostname)) {
          out.add(FieldError.invalid(p + ".hostname", hostname, m));
        }
      }
    }
  }

  private static void validatePorts(JsonNode o, List<FieldError> out) {
    int n = Nodes.size(o, "ports");
    if (n > MAX_PORTS) {
      out.add(tooMany("ports", n, MAX_PORTS));
      return;
    }
    Set<String> names = new HashSet<>();
    int i = 0;
    for (JsonNode port : o.path("ports")) {
      String p = "ports[" + i++ + "]";
      String name = Nodes.text(port, "name");
      if (!name.isEmpty()) {
        for (String m : Validation.dns1123Label(name)) {
          out.add(FieldError.invalid(p + ".name", name, m));
        }
      }
      if (!names.add(name)) {
        out.add(FieldError.duplicate(p + ".name", name));
      }
      String proto = Nodes.text(port, "protocol");
      if (proto.isEmpty()) {
        out.add(FieldError.required(p + ".protocol", ""));
      } else if (!PROTOCOLS.contains(proto)) {
        out.add(FieldError.notSupported(p + ".protocol", proto, PROTOCOLS));
      }
      JsonNode num = port.get("port");
      if (num != null && !num.isNull() && (num.asLong() < 1 || num.asLong() > 65535)) {
        out.add(
            FieldError.invalid(
                p + ".port", num.asLong(), "must be between 1 and 65535, inclusive"));
      }
    }
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode o, ObjectNode old) {
    List<FieldError> out = new ArrayList<>();
    Validation.immutable(
        o.get("addressType"),
        old.get("addressType"),
        "addressType",
        GoValues.scalar(o.get("addressType")),
        out);
    return out;
  }

  private static FieldError tooMany(String path, int actual, int max) {
    return new FieldError(
        "FieldValueTooMany", path, "Too many: " + actual + ": must have at most " + max + " items");
  }

  static boolean isIPv4(String s) {
    if (!IPV4.matcher(s).matches()) {
      return false;
    }
    for (String part : s.split("\\.")) {
      if (Integer.parseInt(part) > 255 || (part.length() > 1 && part.startsWith("0"))) {
        return false;
      }
    }
    return true;
  }

  static boolean isIPv6(String s) {
    if (!s.contains(":") || !s.matches("[0-9A-Fa-f:.]+")) {
      return false;
    }
    try {
      InetAddress a = InetAddress.getByName(s);
      return a instanceof Inet6Address;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
