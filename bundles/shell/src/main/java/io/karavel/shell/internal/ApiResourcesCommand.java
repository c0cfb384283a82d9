package io.karavel.shell.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code kube:api-resources}: the resource types the server serves. */
@Command(
    scope = "kube",
    name = "api-resources",
    description = "Print the resource types the server serves, as kubectl api-resources does.",
    detailedDescription =
        "Columns NAME SHORTNAMES APIVERSION NAMESPACED KIND (and VERBS CATEGORIES with -o wide),"
            + " one row per type of each group's preferred version, sorted by group and name.\n"
            + "Examples:\n"
            + "  kube:api-resources\n"
            + "  kube:api-resources --namespaced=false\n"
            + "  kube:api-resources --api-group=apps -o wide")
@Service
public class ApiResourcesCommand extends KubeCommandSupport {

  @Option(name = "-o", aliases = "--output", description = "Output format: wide or name")
  String output;

  @Option(name = "--api-group", description = "Only the types of this group ('' for core)")
  String apiGroup;

  @Option(
      name = "--namespaced",
      description = "true: only namespaced types, false: only cluster scoped types")
  String namespaced;

  @Option(name = "--no-headers", description = "Do not print column headers")
  boolean noHeaders;

  @Override
  protected void run() throws Exception {
    Discovery.invalidate();
    print(resolver().all(), output, apiGroup, namespaced, noHeaders, out());
  }

  static void print(
      List<ApiResource> all,
      String output,
      String apiGroup,
      String namespaced,
      boolean noHeaders,
      java.io.PrintStream out) {
    String format = output == null ? "" : output;
    if (!List.of("", "wide", "name").contains(format)) {
      throw new IllegalArgumentException("error: --output " + format + " is not available");
    }
    List<ApiResource> shown = new ArrayList<>();
    for (ApiResource resource : all) {
      if (apiGroup != null && !apiGroup.equals(resource.group())) {
        continue;
      }
      if (namespaced != null && Boolean.parseBoolean(namespaced) != resource.namespaced()) {
        continue;
      }
      shown.add(resource);
    }
    shown.sort(Comparator.comparing(ApiResource::group).thenComparing(ApiResource::name));
    if (format.equals("name")) {
      for (ApiResource resource : shown) {
        out.println(resource.qualifiedName());
      }
      return;
    }
    boolean wide = format.equals("wide");
    TabWriter writer = TabWriter.forTables(out);
    if (!noHeaders) {
      List<String> header =
          new ArrayList<>(List.of("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"));
      if (wide) {
        header.addAll(List.of("VERBS", "CATEGORIES"));
      }
      writer.row(header);
    }
    for (ApiResource resource : shown) {
      List<String> row =
          new ArrayList<>(
              List.of(
                  resource.name(),
                  String.join(",", resource.shortNames()),
                  resource.apiVersion(),
                  Boolean.toString(resource.namespaced()),
                  resource.kind()));
      if (wide) {
        row.add(String.join(",", resource.verbs()));
        row.add(String.join(",", resource.categories()));
      }
      writer.row(row);
    }
    writer.flush();
  }
}
