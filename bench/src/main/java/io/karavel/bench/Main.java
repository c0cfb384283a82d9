package io.karavel.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code karavel-bench.jar}: {@code api} runs the API load harness, {@code
 * scheduler} the scheduler throughput benchmark.
 */
public final class Main {
  static final String USAGE =
      """
          Usage: java -jar karavel-bench.jar <benchmark> [options]

          Benchmarks:
            api        The API load harness: N ConfigMaps of S bytes with C concurrent clients
                       over TLS: create, get, update (get+put), list all, delete, and watch
                       delivery delay.
            scheduler  Scheduler throughput against the running distribution.
            cycle      The scheduling cycle alone, in process, without the API server.

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
            --kind K            configmaps (default) or pods: Pods of one container requesting
                                100m / 500Mi with the payload as an annotation and a scheduler
                                name no scheduler serves; adds a 'bind' phase (pods/binding)
            --help              this text

          Options of scheduler (upstream scheduler_perf SchedulingBasic shape):
            --kubeconfig PATH   admin kubeconfig of the cluster (required)
            --nodes N           simulated nodes, 4 CPU / 32 GiB / 110 pods each (default 500)
            --init-pods M       pods scheduled before measuring (default 500)
            --pods K            measured pods, created as fast as the server takes them (default 1000)
            --warmup auto|R     unmeasured rounds before the measured one: min(K, 2000) pods
                                created, scheduled and deleted, so the server's JIT has compiled
                                its hot paths; each round's rate and the server's compile time
                                are printed. auto (default): rounds until the server compiled
                                (its jvm_compilation_time_seconds_total) for less than 10% of a
                                round in two rounds in a row, 2 to 40 rounds
            --repeat N          measured rounds of K pods (default 1); all but the last are
                                deleted after they are bound, each prints its rate, the last is
                                reported in full, and "pods/s" is then the mean over the N rounds
                                (printed with the median, min and max): runs of one server vary
                                by about a fifth, so compare means of several rounds
            --clients C         concurrent creating clients (default 16)
            --variant V         basic (default), node-affinity (pods require 2 of 5 zones) or
                                topology-spread (pods spread over the 5 zones, maxSkew 1)
            --namespace NS      namespace of the pods; deleted at the end (default karavel-sched-bench)
            --keep              keep the nodes and pods
            --node-source S     direct (default): the harness registers the nodes itself, once,
                                nothing renews them; simulator: the node simulator bundle runs them
                                (a pool configuration written to etc/ of --karaf-home), so their
                                Leases are renewed and the pods are marked Running as a kubelet
                                would; at the end it prints the simulator's API writes
            --karaf-home PATH   the running distribution (./karavel passes it)
          Ends with a line "pods/s: <average>" (the mean over measured rounds with --repeat).

          Options of cycle (the scheduling cycle alone, in this JVM, no API server: the
          scheduler's cache, framework and default plugins on synthetic nodes and pods):
            --nodes N           nodes, 4 CPU / 32 GiB / 110 pods each, 5 zones (default 500)
            --init-pods M       pods scheduled before measuring (default 500)
            --pods K            measured pods (default 1000)
            --variant V         basic (default), node-affinity or topology-spread
            --parallelism P     threads filtering and scoring (default: the scheduler's, the
                                processors, or 1 on two or fewer)
            --rounds R          rounds on a fresh cache, the first one warms up (default 5)
            --lag L             the informer confirms a binding L pods later (default 100)
          Prints attempts/s, process CPU per attempt and per-plugin time; ends with a line
          "attempts/s: <average>".
          """;

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.println(USAGE);
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    List<String> options = List.of(rest);
    if (options.contains("--help") || options.contains("-h")) {
      System.out.println(USAGE); // each benchmark's options are in it
      return;
    }
    try {
      run(args[0], rest);
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1); // the clients' threads would keep the JVM alive
    }
  }

  private static void run(String benchmark, String[] rest) throws Exception {
    switch (benchmark) {
      case "api" -> {
        ApiBenchmark.run(ApiBenchmark.Options.parse(rest));
        System.exit(0); // client threads need not be waited for
      }
      case "scheduler" -> {
        SchedulerBenchmark.run(SchedulerBenchmark.Options.parse(rest));
        System.exit(0);
      }
      case "cycle" -> {
        io.karavel.scheduler.internal.CycleBenchmark.run(
            io.karavel.scheduler.internal.CycleBenchmark.Options.parse(rest));
        System.exit(0);
      }
      default -> {
        System.err.println("unknown benchmark: " + benchmark + " (try --help)");
        System.exit(2);
      }
    }
  }
}
