package io.karavel.nodesimulator.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of simulated nodes declared as a factory configuration ({@code
 * etc/io.karavel.nodesimulator.pool-<name>.cfg}): it runs while the configuration exists. A change
 * restarts the pool (the nodes are taken over again).
 */
@Component(
    configurationPid = NodePoolConfig.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    service = {})
@Designate(ocd = NodePoolConfig.class, factory = true)
public final class ConfiguredNodePool {
  private static final Logger LOG = LoggerFactory.getLogger(ConfiguredNodePool.class);

  private final NodeSimulator simulator;
  private final PoolSpec spec;
  private final boolean deleteOnStop;
  private final Thread starter;

  @Activate
  public ConfiguredNodePool(@Reference NodeSimulator simulator, NodePoolConfig config) {
    this.simulator = simulator;
    this.spec =
        new PoolSpec(
            config.name().isBlank() ? PoolSpec.defaultName(config.prefix()) : config.name(),
            config.prefix(),
            config.count(),
            PoolSpec.capacity(config.cpu(), config.memory(), config.pods(), config.resources()),
            PoolSpec.parseMap(config.labels(), "label"),
            PoolSpec.parseTaints(config.taints()),
            PoolSpec.split(config.zones()));
    this.deleteOnStop = config.deleteOnStop();
    // Registering waits for the API server: not on the configuration admin's thread.
    starter =
        new Thread(
            () -> {
              try {
                simulator.start(spec);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (Exception e) {
                LOG.error("simulated node pool {} did not start: {}", spec.name(), e.toString());
              }
            },
            "karavel-node-pool-" + spec.name());
    starter.setDaemon(true);
    starter.start();
  }

  @Deactivate
  void deactivate() throws InterruptedException {
    starter.interrupt();
    starter.join(5000);
    simulator.stop(spec.name(), deleteOnStop);
  }
}
