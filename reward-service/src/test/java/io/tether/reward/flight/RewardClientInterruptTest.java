package io.tether.reward.flight;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.arrow.ScoredRollout;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.flight.Location;
import org.junit.jupiter.api.Test;

/**
 * A cancelled stage interrupts the thread that is scoring: the client must stop at once, not
 * back off and retry for the rest of its budget, and must leave the interrupt flag set.
 */
class RewardClientInterruptTest {

  /** What the scoring thread saw. */
  private record Outcome(Throwable error, boolean interruptFlag, long millis) {}

  @Test
  void anInterruptDuringTheBackOffStopsTheRetriesAtOnce() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    // 12 retries back off 100 ms .. 204.8 s: about 7 minutes if the interrupt were swallowed
    try (RewardClient client =
        new RewardClient(TestMemory.CLIENTS, Location.forGrpcInsecure("127.0.0.1", port), "", null, 12, 5, 8)) {
      Outcome o = scoreThenInterrupt(client, 700, new CountDownLatch(0));
      assertInterrupted(o);
      assertTrue(o.error().getMessage().contains("(last failure UNAVAILABLE)"),
          o.error().getMessage());
    }
  }

  @Test
  void anInterruptDuringACallStopsItWithoutRetrying() throws Exception {
    CountDownLatch scoring = new CountDownLatch(1);
    AtomicBoolean release = new AtomicBoolean();
    try (RewardServer server = RewardServer.start(RewardServer.Options.local(0, ""),
            rows -> slowScore(rows, scoring, release), "reward v0");
        RewardClient client = new RewardClient(TestMemory.CLIENTS, server.location(), "", null, 12, 60, 8)) {
      Outcome o = scoreThenInterrupt(client, 0, scoring);
      release.set(true);
      assertInterrupted(o);
    }
  }

  private static List<ScoredRollout> slowScore(List<io.tether.core.arrow.Rollout> rows,
      CountDownLatch scoring, AtomicBoolean release) {
    scoring.countDown();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!release.get() && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    return rows.stream().map(r -> new ScoredRollout(r, 0f, null)).toList();
  }

  /** Scores on a new thread, interrupts it {@code delayMillis} after {@code ready} opens. */
  private static Outcome scoreThenInterrupt(RewardClient client, long delayMillis,
      CountDownLatch ready) throws InterruptedException {
    AtomicReference<Outcome> out = new AtomicReference<>();
    Thread t = new Thread(() -> {
      long start = System.nanoTime();
      Throwable error = null;
      try {
        client.score(RewardServiceTest.rollouts(3));
      } catch (Throwable e) {
        error = e;
      }
      out.set(new Outcome(error, Thread.currentThread().isInterrupted(),
          (System.nanoTime() - start) / 1_000_000));
    });
    t.start();
    assertTrue(ready.await(30, TimeUnit.SECONDS), "the call never reached the scorer");
    Thread.sleep(delayMillis);
    long interruptedAt = System.nanoTime();
    t.interrupt();
    t.join(TimeUnit.SECONDS.toMillis(20));
    assertFalse(t.isAlive(), "the client kept going for 20 s after the interrupt");
    long afterInterrupt = (System.nanoTime() - interruptedAt) / 1_000_000;
    assertTrue(afterInterrupt < 5_000, "stopped " + afterInterrupt + " ms after the interrupt");
    return out.get();
  }

  private static void assertInterrupted(Outcome o) {
    assertNotNull(o.error(), "an interrupted call must not return scores");
    assertTrue(o.error() instanceof RewardServiceException, o.error().toString());
    assertTrue(o.error().getMessage().contains("interrupted after"), o.error().getMessage());
    assertTrue(o.error().getMessage().contains("not retried"), o.error().getMessage());
    assertTrue(o.interruptFlag(), "the interrupt flag must stay set for the caller");
  }
}
