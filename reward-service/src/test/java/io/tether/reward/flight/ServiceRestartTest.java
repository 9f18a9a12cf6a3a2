package io.tether.reward.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.testing.ChildJvm;
import io.tether.core.tokenizer.ByteTokenizer;
import io.tether.reward.RewardModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.Location;
import org.junit.jupiter.api.Test;

/**
 * The reward service's JVM is killed (SIGKILL) in the middle of an exchange and a new one starts
 * on the same port: the client's bounded retries with back-off reach the new service and every
 * rollout comes back scored once, with the scores an undisturbed service gives.
 */
class ServiceRestartTest {

  @Test
  void aServiceKilledMidExchangeAndRestartedIsRetriedWithNothingLostOrDoubled() throws Exception {
    List<Rollout> rollouts = rollouts(24);
    List<ScoredRollout> expected;
    try (RewardModel rm = ScoringServerMain.model()) {
      expected = ScoringServerMain.scorer(rm).score(rollouts);
    }
    int port = freePort();
    Process first = start(port, 400);
    List<Process> all = new ArrayList<>(List.of(first));
    try {
      CountDownLatch oneBatchScored = new CountDownLatch(1);
      CountDownLatch up = new CountDownLatch(1);
      watch(first, up, oneBatchScored);
      assertTrue(up.await(60, TimeUnit.SECONDS), "the first service came up");
      Location at = Location.forGrpcInsecure("127.0.0.1", port);
      try (RewardClient client = new RewardClient(TestMemory.CLIENTS, at, "", null, 8, 60, 4)) {
        CompletableFuture<List<ScoredRollout>> scored =
            CompletableFuture.supplyAsync(() -> client.score(rollouts));
        assertTrue(oneBatchScored.await(60, TimeUnit.SECONDS), "the exchange started");
        first.destroyForcibly().waitFor();
        assertTrue(!scored.isDone(), "the kill came before the exchange finished");
        Process second = start(port, 0);
        all.add(second);
        watch(second, new CountDownLatch(1), new CountDownLatch(1));
        List<ScoredRollout> got = scored.get(120, TimeUnit.SECONDS);
        assertEquals(expected, got, "every rollout scored once, as by an undisturbed service");
      }
    } finally {
      all.forEach(Process::destroyForcibly);
    }
  }

  private static Process start(int port, long holdMillis) throws IOException {
    List<String> cmd = ChildJvm.command("512m", ScoringServerMain.class.getName(),
        List.of(Integer.toString(port), Long.toString(holdMillis)));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  /** Counts down {@code up} at "listening", {@code batch} at the first "scored". */
  private static void watch(Process p, CountDownLatch up, CountDownLatch batch) {
    Thread t = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          System.out.println("[service " + p.pid() + "] " + line);
          if (line.startsWith("listening")) {
            up.countDown();
          } else if (line.startsWith("scored")) {
            batch.countDown();
          }
        }
      } catch (IOException e) {
        // the process was killed: its output ends here
      }
    });
    t.setDaemon(true);
    t.start();
  }

  private static List<Rollout> rollouts(int n) {
    ByteTokenizer tok = new ByteTokenizer();
    List<Rollout> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] prompt = tok.encode("Review " + i + ": ");
      int[] resp = tok.encode(i % 3 == 0 ? "great fun" : i % 3 == 1 ? "dull" : "so so, " + i);
      out.add(new Rollout(i, prompt, 0, 1, resp, new float[resp.length], new float[resp.length],
          i % 2 == 0));
    }
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
