package io.karavel.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code kubectl} against a cluster, with a fresh discovery cache. */
public final class Kubectl {

  /** The outcome of one kubectl run. */
  public record Result(int exitCode, String stdout, String stderr) {
    public String out() {
      return stdout.strip();
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  private final Path kubeconfig;
  private final Path cacheDir;

  public Kubectl(Path kubeconfig) throws IOException {
    this.kubeconfig = kubeconfig;
    this.cacheDir = Files.createTempDirectory("kubectl-cache-");
  }

  public static boolean available() {
    return Files.isExecutable(Path.of("/usr/bin/kubectl"));
  }

  public Result run(String... args) throws IOException, InterruptedException {
    return runWithInput(null, args);
  }

  /** Runs kubectl with {@code stdin} (may be null) and waits up to two minutes. */
  public Result runWithInput(String stdin, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("kubectl");
    cmd.add("--kubeconfig=" + kubeconfig);
    cmd.add("--cache-dir=" + cacheDir);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Path out = Files.createTempFile("kubectl-out", ".txt");
    Path err = Files.createTempFile("kubectl-err", ".txt");
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    Process p = pb.start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("kubectl " + String.join(" ", args) + " timed out");
    }
    Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return r;
  }

  /** Starts kubectl without waiting (for watches); the caller reads and destroys it. */
  public Process start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("kubectl");
    cmd.add("--kubeconfig=" + kubeconfig);
    cmd.add("--cache-dir=" + cacheDir);
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }
}
