package io.karavel.bench;

import java.util.Arrays;

/** Entry point of {@code karavel-bench.jar}: {@code api} runs the API load harness. */
public final class Main {
  static final String USAGE =
      """
          Usage: java -jar karavel-bench.jar <benchmark> [options]

          Benchmarks:
            api    The API load harness: N ConfigMaps of S bytes with C concurrent clients over
                   TLS: create, get, update (get+put), list all, delete, and watch delivery delay.

          Options of api:
            --kubeconfig PATH   admin kubeconfig of the cluster (required)
            --objects N         objects per phase (default 2000)
            --clients C         concurrent clients, each with its own connection (default 16)
            --size BYTES        payload size of each ConfigMap (default 1024)
            --lists N           how many full lists to time (default 20)
            --namespace NS      namespace to use; created and deleted (default karavel-bench)
            --warmup N          unmeasured create/get/update/delete rounds first, so the server's
                                JIT has compiled the request path (default 1000; 0 for none)
            --warmup-lists N    unmeasured full lists before the timed ones (default 20)
            --http1             HTTP/1.1 instead of HTTP/2 (both over TLS)
            --help              this text
          """;

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.println(USAGE);
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "api" -> {
        ApiBenchmark.run(ApiBenchmark.Options.parse(rest));
        System.exit(0); // client threads need not be waited for
      }
      default -> {
        System.err.println("unknown benchmark: " + args[0] + " (try --help)");
        System.exit(2);
      }
    }
  }
}
