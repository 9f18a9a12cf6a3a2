package io.tether.deploy.doctor;

import ai.djl.ndarray.types.DataType;
import io.tether.core.arrow.ArrowMemory;
import io.tether.core.arrow.ProcessRole;
import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.time.Ticker;
import io.tether.core.tokenizer.Tokenizer;
import io.tether.core.tokenizer.TokenizerKind;
import io.tether.core.tokenizer.Tokenizers;
import io.tether.reward.RewardModel;
import io.tether.reward.RolloutScorer;
import io.tether.reward.flight.RewardClient;
import io.tether.reward.flight.RewardServer;
import java.util.ArrayList;
import java.util.List;

/**
 * A reward service on 127.0.0.1 (a random tiny reward model) scores rollouts over Arrow Flight;
 * the scores equal those of the same model called in this JVM.
 */
final class FlightCheck {
  private FlightCheck() {}

  static String run() throws Exception {
    Tokenizer tok = Tokenizers.create(TokenizerKind.BYTE);
    ModelSpec spec = ModelSpec.of(ModelPreset.TINY, tok.vocabSize(), HeadKind.REWARD);
    try (RewardModel rm = new RewardModel(GptModel.create(spec, 3, DataType.FLOAT32, null),
        tok.pad())) {
      RolloutScorer scorer = new RolloutScorer(rm, null, tok, 4, 0, 0);
      List<Rollout> rollouts = rollouts(tok);
      List<ScoredRollout> local = scorer.score(rollouts);
      long t0 = Ticker.SYSTEM.nanos();
      try (ArrowMemory memory = ArrowMemory.open(ProcessRole.DRIVER);
          RewardServer server = RewardServer.start(RewardServer.Options.local(0, ""),
              scorer::score, "doctor");
          RewardClient client = new RewardClient(memory, server.location(), "", null, 1, 30, 4)) {
        List<ScoredRollout> remote = client.score(rollouts);
        if (!remote.equals(local)) {
          throw new IllegalStateException("scores over Flight differ from local ones");
        }
        return String.format("Arrow Flight on %s: %d rollouts scored, equal to local scores,"
            + " %.0f ms", server.location().getUri(), remote.size(),
            Ticker.SYSTEM.secondsSince(t0) * 1e3);
      }
    }
  }

  private static List<Rollout> rollouts(Tokenizer tok) {
    List<Rollout> out = new ArrayList<>();
    String[] texts = {"The food was great.", "The film was awful.", "Nice!", "So-so."};
    for (int i = 0; i < texts.length; i++) {
      int[] prompt = tok.encode("Review: ");
      int[] resp = tok.encode(texts[i]);
      out.add(new Rollout(i, prompt, 0, 0, resp, new float[resp.length],
          new float[resp.length], i % 2 == 0));
    }
    return out;
  }
}
