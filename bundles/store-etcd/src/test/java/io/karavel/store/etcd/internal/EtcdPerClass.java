package io.karavel.store.etcd.internal;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real etcd (plain HTTP on loopback) for a whole test class, stopped after its last test:
 * {@code @RegisterExtension static final EtcdPerClass etcd = new EtcdPerClass();}.
 */
final class EtcdPerClass implements BeforeAllCallback, AfterAllCallback {
  private EtcdProcess etcd;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    etcd = EtcdProcess.start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (etcd != null) {
      etcd.close();
    }
  }

  String clientUrl() {
    return etcd.clientUrl();
  }
}
