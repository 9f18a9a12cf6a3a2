package io.tether.reward.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.tokenizer.ByteTokenizer;
import io.tether.reward.RewardModel;
import io.tether.reward.RolloutScorer;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Location;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RewardServiceTest {
  @AfterEach
  void clientsLeaveNoArrowMemoryBehind() {
    assertEquals(0, TestMemory.CLIENTS.allocatedBytes());
  }

  private static final ByteTokenizer TOK = new ByteTokenizer();
  private static RewardModel rm;
  private static RolloutScorer scorer;

  @BeforeAll
  static void model() {
    close();
    rm = new RewardModel(GptModel.create(
        ModelSpec.of(ModelPreset.TINY, TOK.vocabSize(), HeadKind.REWARD), 5), TOK.pad());
    scorer = new RolloutScorer(rm, null, TOK, 8, 0, 0.5);
  }

  @AfterAll
  static void close() {
    if (rm != null) {
      rm.close();
      rm = null;
    }
  }

  static RolloutScorer scorer() {
    return scorer;
  }

  static List<Rollout> rollouts(int n) {
    SplittableRandom r = new SplittableRandom(n);
    List<Rollout> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int len = 1 + r.nextInt(10);
      int[] resp = new int[len];
      float[] lp = new float[len];
      for (int t = 0; t < len; t++) {
        resp[t] = 'a' + r.nextInt(26);
        lp[t] = -1f;
      }
      out.add(new Rollout(i, new int[] {256, 'h', 'i'}, 0, 3, resp, lp, lp.clone(), i % 2 == 0));
    }
    return out;
  }

  @Test
  void scoresOverFlightEqualTheEmbeddedStage() throws Exception {
    List<Rollout> batch = rollouts(21);
    try (RewardServer server = RewardServer.start(RewardServer.Options.local(0, "s3cret"),
            scorer::score, "reward v0");
        RewardClient client = new RewardClient(TestMemory.CLIENTS, server.location(), "s3cret", null, 2, 30, 8)) {
      assertTrue(server.location().getUri().toString().startsWith("grpc+tcp://127.0.0.1:"));
      List<ScoredRollout> remote = client.score(batch);
      List<ScoredRollout> local = scorer.score(batch);
      assertEquals(local.size(), remote.size());
      for (int i = 0; i < local.size(); i++) {
        assertEquals(local.get(i).rollout(), remote.get(i).rollout());
        assertEquals(local.get(i).score(), remote.get(i).score(), 1e-5);
      }
      var health = new com.fasterxml.jackson.databind.ObjectMapper().readTree(client.health());
      assertEquals("ok", health.path("status").asText(), client.health());
      assertEquals("reward v0", health.path("model").asText(), client.health());
      assertTrue(health.path("free_slots").asInt() >= 1, client.health());
    }
  }

  @Test
  void theServiceIsReachableOnLoopbackOnly() throws Exception {
    java.net.InetAddress external = java.util.Collections.list(
            java.net.NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(n -> java.util.Collections.list(n.getInetAddresses()).stream())
        .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress())
        .findFirst().orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(external != null, "no non-loopback address");
    try (RewardServer server = RewardServer.start(RewardServer.Options.local(0, ""),
        scorer::score, "reward v0")) {
      int port = server.location().getUri().getPort();
      try (java.net.Socket ok = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(),
          port)) {
        assertTrue(ok.isConnected());
      }
      org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> {
        try (java.net.Socket s = new java.net.Socket()) {
          s.connect(new java.net.InetSocketAddress(external, port), 2000);
        }
      }, "port " + port + " must not answer on " + external);
    }
  }

  @Test
  void aMissingOrWrongTokenIsRefusedWithUnauthenticated() throws Exception {
    try (RewardServer server = RewardServer.start(RewardServer.Options.local(0, "s3cret"),
        scorer::score, "reward v0")) {
      for (String token : List.of("", "guess")) {
        try (RewardClient client = new RewardClient(TestMemory.CLIENTS, server.location(), token, null, 3, 30, 8)) {
          RewardServiceException e =
              assertThrows(RewardServiceException.class, () -> client.score(rollouts(2)));
          assertTrue(e.getMessage().contains("failed after 1 attempt(s): UNAUTHENTICATED"),
              e.getMessage());
        }
      }
    }
  }

  @Test
  void aServiceThatIsDownGivesAClearErrorNamingItsAddressAfterRetries() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Location nowhere = Location.forGrpcInsecure("127.0.0.1", port);
    long start = System.nanoTime();
    try (RewardClient client = new RewardClient(TestMemory.CLIENTS, nowhere, "", null, 2, 5, 8)) {
      RewardServiceException e =
          assertThrows(RewardServiceException.class, () -> client.score(rollouts(2)));
      assertTrue(e.getMessage().startsWith("reward service at grpc+tcp://127.0.0.1:" + port
          + " failed after 3 attempt(s): UNAVAILABLE"), e.getMessage());
    }
    assertTrue((System.nanoTime() - start) / 1e6 >= 300, "backed off 100 + 200 ms");
  }

  @Test
  void aRequestWithTheWrongSchemaIsRefusedNamingTheColumn() throws Exception {
    try (RewardServer server = RewardServer.start(RewardServer.Options.local(0, ""),
            scorer::score, "reward v0");
        org.apache.arrow.memory.RootAllocator a = new org.apache.arrow.memory.RootAllocator();
        org.apache.arrow.flight.FlightClient c =
            org.apache.arrow.flight.FlightClient.builder(a, server.location()).build();
        org.apache.arrow.vector.VectorSchemaRoot root = org.apache.arrow.vector.VectorSchemaRoot
            .create(io.tether.core.arrow.PromptCodec.SCHEMA, a)) {
      var rw = c.doExchange(org.apache.arrow.flight.FlightDescriptor.command(
          "score".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      rw.getWriter().start(root);
      org.apache.arrow.flight.FlightRuntimeException e = assertThrows(
          org.apache.arrow.flight.FlightRuntimeException.class, () -> rw.getReader().next());
      assertEquals(FlightStatusCode.INVALID_ARGUMENT, e.status().code());
      assertTrue(e.getMessage().contains("missing column \"sample_index\""), e.getMessage());
      rw.close();
    }
  }

  @Test
  void aFullServerPushesBackAndTheClientRetriesUntilASlotFrees() throws Exception {
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    java.util.function.Function<List<Rollout>, List<ScoredRollout>> slow = rows -> {
      entered.countDown();
      try {
        Thread.sleep(700);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return scorer.score(rows);
    };
    RewardServer.Options one = RewardServer.Options.local(0, "").withConcurrency(1, 50);
    try (RewardServer server = RewardServer.start(one, slow, "slow");
        RewardClient first = new RewardClient(TestMemory.CLIENTS, server.location(), "", null, 0, 30, 64);
        RewardClient impatient = new RewardClient(TestMemory.CLIENTS, server.location(), "", null, 0, 30, 64);
        RewardClient patient = new RewardClient(TestMemory.CLIENTS, server.location(), "", null, 4, 30, 64)) {
      var busy = java.util.concurrent.CompletableFuture.supplyAsync(() -> first.score(rollouts(3)));
      entered.await();
      RewardServiceException e =
          assertThrows(RewardServiceException.class, () -> impatient.score(rollouts(2)));
      assertTrue(e.getMessage().contains("RESOURCE_EXHAUSTED"), e.getMessage());
      assertEquals(2, patient.score(rollouts(2)).size(), "retried with back-off until free");
      assertEquals(3, busy.get().size());
    }
  }

  @Test
  void anOversizeMessageIsRefusedAndASlowServiceTimesOut() throws Exception {
    RewardServer.Options tiny = new RewardServer.Options("127.0.0.1", 0, "", null, null, 2,
        30_000, 4096);
    try (RewardServer server = RewardServer.start(tiny, scorer::score, "small limit");
        RewardClient client = new RewardClient(TestMemory.CLIENTS, server.location(), "", null, 0, 30, 64)) {
      RewardServiceException e =
          assertThrows(RewardServiceException.class, () -> client.score(rollouts(200)));
      // the server refuses the 7.8 kB batch; gRPC resets the stream, the client says so
      assertTrue(e.getMessage().contains("failed after 1 attempt(s): CANCELLED")
          && e.getMessage().contains("message size limit"), e.getMessage());
      assertEquals(2, client.score(rollouts(2)).size(), "small batches still pass");
    }
    java.util.function.Function<List<Rollout>, List<ScoredRollout>> slow = rows -> {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return scorer.score(rows);
    };
    try (RewardServer server = RewardServer.start(RewardServer.Options.local(0, ""), slow, "slow");
        RewardClient client = new RewardClient(TestMemory.CLIENTS, server.location(), "", null, 1, 0.5, 64)) {
      long start = System.nanoTime();
      RewardServiceException e =
          assertThrows(RewardServiceException.class, () -> client.score(rollouts(2)));
      assertTrue(e.getMessage().contains("failed after 2 attempt(s): TIMED_OUT"), e.getMessage());
      assertTrue((System.nanoTime() - start) / 1e9 < 2.5, "bounded by the timeout, not the server");
    }
  }

  @Test
  void noCallCanNameAFileOnTheServer() throws Exception {
    try (RewardServer server = RewardServer.start(RewardServer.Options.local(0, ""),
            scorer::score, "reward v0");
        org.apache.arrow.memory.RootAllocator a = new org.apache.arrow.memory.RootAllocator();
        org.apache.arrow.flight.FlightClient c =
            org.apache.arrow.flight.FlightClient.builder(a, server.location()).build()) {
      var get = assertThrows(org.apache.arrow.flight.FlightRuntimeException.class,
          () -> c.getStream(new org.apache.arrow.flight.Ticket(
              "../../etc/passwd".getBytes(java.nio.charset.StandardCharsets.UTF_8))).next());
      assertEquals(FlightStatusCode.UNIMPLEMENTED, get.status().code());
      var put = assertThrows(org.apache.arrow.flight.FlightRuntimeException.class,
          () -> c.getInfo(org.apache.arrow.flight.FlightDescriptor.path("..", "secrets")));
      assertEquals(FlightStatusCode.UNIMPLEMENTED, put.status().code());
      var action = assertThrows(org.apache.arrow.flight.FlightRuntimeException.class,
          () -> c.doAction(new org.apache.arrow.flight.Action("read_file",
              "/etc/passwd".getBytes(java.nio.charset.StandardCharsets.UTF_8))).next());
      assertEquals(FlightStatusCode.INVALID_ARGUMENT, action.status().code());
      assertTrue(action.getMessage().contains("unknown action read_file"), action.getMessage());
    }
  }
}
