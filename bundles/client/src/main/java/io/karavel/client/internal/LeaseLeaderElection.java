package io.karavel.client.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.karavel.client.LeaderElection;
import io.karavel.client.LeaderElectionSettings;
import io.karavel.client.LeaderListener;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LeaderElection} over fabric8's {@link LeaderElector} with a {@link LeaseLock}. A fabric8
 * elector runs once and ends when it loses the lease; this class starts a fresh one after a retry
 * period until stopped, and moves the listener calls onto a thread of its own so that a slow
 * listener cannot delay renewals.
 */
public final class LeaseLeaderElection implements LeaderElection {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseLeaderElection.class);
  private static final long STOP_WAIT_SECONDS = 5;
  private static final Duration RELEASE_WAIT = Duration.ofSeconds(2);

  private final KubernetesClient client;
  private final LeaderElectionSettings settings;
  private final LeaderListener listener;
  private final ThreadPoolExecutor notifier;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicBoolean leader = new AtomicBoolean();
  private volatile String observedLeader = "";
  private volatile Thread notifierThread;
  private CompletableFuture<?> running;
  private boolean started;
  private boolean stopped;

  public LeaseLeaderElection(
      KubernetesClient client, LeaderElectionSettings settings, LeaderListener listener) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.notifier =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            runnable -> {
              Thread thread =
                  new Thread(
                      runnable, "leader-election-" + settings.name() + "-" + settings.identity());
              thread.setDaemon(true);
              notifierThread = thread;
              return thread;
            });
  }

  @Override
  public void start() {
    lock.lock();
    try {
      if (started) {
        throw new IllegalStateException("leader election " + describe() + " was already started");
      }
      started = true;
      runElector();
    } finally {
      lock.unlock();
    }
  }

  private void runElector() {
    if (stopped) {
      return;
    }
    LeaderElector elector =
        client
            .leaderElector()
            .withConfig(
                new LeaderElectionConfigBuilder()
                    .withName(settings.name())
                    .withLock(
                        new LeaseLock(settings.namespace(), settings.name(), settings.identity()))
                    .withLeaseDuration(settings.leaseDuration())
                    .withRenewDeadline(settings.renewDeadline())
                    .withRetryPeriod(settings.retryPeriod())
                    .withReleaseOnCancel(true)
                    .withLeaderCallbacks(
                        new LeaderCallbacks(
                            this::startedLeading, this::stoppedLeading, this::newLeader))
                    .build())
            .build();
    CompletableFuture<?> future = elector.start();
    running = future;
    future.whenComplete(
        (ignored, failure) -> {
          if (failure != null && !(failure instanceof CancellationException)) {
            LOG.warn("leader election {} failed; joining again", describe(), failure);
          }
          CompletableFuture.delayedExecutor(
                  settings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS)
              .execute(this::rejoin);
        });
  }

  private void rejoin() {
    lock.lock();
    try {
      runElector();
    } finally {
      lock.unlock();
    }
  }

  private void startedLeading() {
    if (leader.compareAndSet(false, true)) {
      notify(listener::onStartedLeading);
    }
  }

  private void stoppedLeading() {
    if (leader.compareAndSet(true, false)) {
      notify(listener::onStoppedLeading);
    }
  }

  private void newLeader(String identity) {
    String holder = identity == null ? "" : identity;
    observedLeader = holder;
    notify(() -> listener.onNewLeader(holder));
  }

  private void notify(Runnable call) {
    try {
      notifier.execute(
          () -> {
            try {
              call.run();
            } catch (RuntimeException e) {
              LOG.error("leader election listener of {} failed", describe(), e);
            }
          });
    } catch (RejectedExecutionException e) {
      LOG.debug("leader election {} already stopped: a notification is dropped", describe());
    }
  }

  @Override
  public void stop() {
    CompletableFuture<?> future;
    lock.lock();
    try {
      if (stopped) {
        return;
      }
      stopped = true;
      future = running;
    } finally {
      lock.unlock();
    }
    if (future != null) {
      releaseWithin(future, RELEASE_WAIT);
    }
    // A lease lost without fabric8 noticing (e.g. the server is gone) still ends leadership.
    stoppedLeading();
    notifier.shutdown();
    if (Thread.currentThread() != notifierThread) {
      try {
        notifier.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Cancels the elector, which releases the lease (releaseOnCancel) through the API server and
   * reports onStopLeading, on a thread of its own, waiting at most {@code wait}. A server that is
   * stopping too (the all-in-one shutting down) answers nothing, and fabric8 would hold the caller
   * (a component's deactivation) until its request timeout; past the wait the lease just expires.
   */
  private void releaseWithin(CompletableFuture<?> future, Duration wait) {
    Thread releaser =
        new Thread(() -> future.cancel(true), "leader-election-release-" + settings.name());
    releaser.setDaemon(true);
    releaser.start();
    try {
      releaser.join(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (releaser.isAlive()) {
      LOG.info("leader election {}: lease not released within {}; it expires", describe(), wait);
    }
  }

  @Override
  public boolean isLeader() {
    return leader.get();
  }

  @Override
  public Optional<String> currentLeader() {
    String holder = observedLeader;
    return holder.isEmpty() ? Optional.empty() : Optional.of(holder);
  }

  @Override
  public LeaderElectionSettings settings() {
    return settings;
  }

  private String describe() {
    return settings.namespace() + "/" + settings.name() + " (" + settings.identity() + ")";
  }
}
