package io.tether.deploy.bench;

import io.tether.core.arrow.ArrowMemory;
import io.tether.core.arrow.ProcessRole;
import io.tether.core.arrow.Rollout;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.tokenizer.ByteTokenizer;
import io.tether.reward.RewardModel;
import io.tether.reward.RolloutScorer;
import io.tether.reward.flight.RewardClient;
import io.tether.reward.flight.RewardServer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Scoring time of one reward model on the same rollouts of 16 + 32 tokens, embedded (in-process)
 * and over Flight on 127.0.0.1 to a server that scores with that same model, each timed as often
 * as asked.
 */
final class ScoringThroughput implements AutoCloseable {
  private final List<Rollout> rollouts;
  private final ArrowMemory memory = ArrowMemory.open(ProcessRole.DRIVER);
  private final RewardModel model;
  private final RolloutScorer scorer;
  private final RewardServer server;
  private final RewardClient client;

  /** A fresh reward model of {@code preset} serving {@code n} rollouts in batches of {@code batch}. */
  ScoringThroughput(ModelPreset preset, int n, int batch) {
    ByteTokenizer tok = new ByteTokenizer();
    rollouts = rollouts(n);
    model = new RewardModel(
        GptModel.create(ModelSpec.of(preset, tok.vocabSize(), HeadKind.REWARD), 1), tok.pad());
    scorer = new RolloutScorer(model, null, tok, batch, 0, 0);
    server = RewardServer.start(RewardServer.Options.local(0, "t"), scorer::score, "bench");
    client = new RewardClient(memory, server.location(), "t", null, 0, 600, batch);
    List<Rollout> first = rollouts.subList(0, Math.min(n, batch));
    scorer.score(first); // warm-up of both paths on one batch
    client.score(first);
  }

  /** Seconds to score all rollouts in-process. */
  double embeddedSeconds() {
    return Interleaved.seconds(() -> scorer.score(rollouts));
  }

  /** Seconds to score all rollouts through the local Flight server. */
  double flightSeconds() {
    return Interleaved.seconds(() -> client.score(rollouts));
  }

  @Override
  public void close() throws InterruptedException {
    try (memory; model; server; client) {
      // the client first, then the server, the model it scores with, the client's memory
    }
  }

  private static List<Rollout> rollouts(int n) {
    SplittableRandom r = new SplittableRandom(3);
    List<Rollout> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] prompt = new int[16];
      int[] resp = new int[32];
      float[] lp = new float[32];
      prompt[0] = 256;
      for (int t = 1; t < 16; t++) {
        prompt[t] = 'a' + r.nextInt(26);
      }
      for (int t = 0; t < 32; t++) {
        resp[t] = 'a' + r.nextInt(26);
        lp[t] = -3f;
      }
      out.add(new Rollout(i, prompt, 0, 0, resp, lp, lp.clone(), true));
    }
    return out;
  }
}
