package io.karavel.client.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kubeconfig files for tests. */
final class TestKubeconfigs {
  /** The server the kubeconfigs name, where nothing listens. */
  static final String SERVER = "https://127.0.0.1:6443";

  private TestKubeconfigs() {}

  /**
   * Writes a kubeconfig whose current context names {@link #SERVER} (its certificate not checked)
   * and a user with {@code user}'s fields, a YAML flow mapping such as {@code {token: abc}}.
   */
  static Path write(Path file, String user) throws IOException {
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster: {server: "%s", insecure-skip-tls-verify: true}
        users:
        - name: u
          user: %s
        contexts:
        - name: c
          context: {cluster: c, user: u}
        current-context: c
        """
            .formatted(SERVER, user));
    return file;
  }
}
