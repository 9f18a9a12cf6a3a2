package io.tether.reward.flight;

import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.tokenizer.ByteTokenizer;
import io.tether.reward.RewardModel;
import io.tether.reward.RolloutScorer;
import java.util.List;

/**
 * A reward service in its own JVM for crash tests: a tiny reward model of a fixed seed on
 * 127.0.0.1:{@code args[0]}, each batch held {@code args[1]} ms; prints {@code scored <n>} after
 * each batch and {@code listening <port>} once up.
 */
public final class ScoringServerMain {
  private ScoringServerMain() {}

  /** The scorer both the service and the test's reference use. */
  static RolloutScorer scorer(RewardModel rm) {
    return new RolloutScorer(rm, null, new ByteTokenizer(), 4, 0, 0);
  }

  static RewardModel model() {
    ByteTokenizer tok = new ByteTokenizer();
    return new RewardModel(GptModel.create(
        ModelSpec.of(ModelPreset.TINY, tok.vocabSize(), HeadKind.REWARD), 11), tok.pad());
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    long holdMillis = Long.parseLong(args[1]);
    int[] batches = {0};
    try (RewardModel rm = model()) {
      RolloutScorer scorer = scorer(rm);
      java.util.function.Function<List<Rollout>, List<ScoredRollout>> slow = batch -> {
        List<ScoredRollout> out = scorer.score(batch);
        try {
          Thread.sleep(holdMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        synchronized (batches) {
          System.out.println("scored " + ++batches[0]);
        }
        return out;
      };
      try (RewardServer server = RewardServer.start(RewardServer.Options.local(port, ""), slow,
          "crash-test")) {
        System.out.println("listening " + server.location().getUri().getPort());
        server.awaitTermination();
      }
    }
  }
}
