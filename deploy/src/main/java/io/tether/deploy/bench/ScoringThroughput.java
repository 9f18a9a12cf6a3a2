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
 * Scoring throughput of one reward model, embedded (in-process) and over Flight on 127.0.0.1, in
 * one run; the Flight overhead is the extra time as a share of the Flight time.
 */
final class ScoringThroughput {
  private ScoringThroughput() {}

  /** One measurement: sequences per second embedded and over Flight, on the same rollouts. */
  public record Result(ModelPreset preset, int rollouts, int batch, double embeddedSeqPerSecond,
      double flightSeqPerSecond) {
    /** Extra Flight time as a share of the Flight time. */
    public double flightOverhead() {
      return 1 - flightSeqPerSecond / embeddedSeqPerSecond;
    }
  }

  /** Scores {@code n} rollouts of 16 + 32 tokens embedded, then through a local Flight server. */
  public static Result measure(ModelPreset preset, int n, int batch) throws Exception {
    ByteTokenizer tok = new ByteTokenizer();
    List<Rollout> rollouts = rollouts(n);
    try (RewardModel rm = new RewardModel(
        GptModel.create(ModelSpec.of(preset, tok.vocabSize(), HeadKind.REWARD), 1), tok.pad())) {
      RolloutScorer scorer = new RolloutScorer(rm, null, tok, batch, 0, 0);
      scorer.score(rollouts.subList(0, Math.min(n, batch)));
      long t0 = System.nanoTime();
      scorer.score(rollouts);
      double embedded = (System.nanoTime() - t0) / 1e9;
      double flight;
      try (ArrowMemory memory = ArrowMemory.open(ProcessRole.DRIVER);
          RewardServer server = RewardServer.start(RewardServer.Options.local(0, "t"),
              scorer::score, "bench");
          RewardClient client = new RewardClient(memory, server.location(), "t", null, 0, 600, batch)) {
        client.score(rollouts.subList(0, Math.min(n, batch)));
        long t1 = System.nanoTime();
        client.score(rollouts);
        flight = (System.nanoTime() - t1) / 1e9;
      }
      return new Result(preset, n, batch, n / embedded, n / flight);
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
