package io.tether.deploy.run;

import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.tokenizer.TokenizerKind;
import io.tether.core.tokenizer.Tokenizers;
import io.tether.reward.GoldReward;
import io.tether.reward.RewardModel;
import io.tether.reward.RolloutScorer;
import io.tether.rollout.ModelRef;
import io.tether.rollout.RolloutScoring;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;

/**
 * The embedded reward stage: scores rollouts inside the rollout task with the reward model named
 * by {@code rewardModel}, loaded once per executor JVM, and the gold reward when the default
 * task's lexicon is given.
 *
 * @param sentimentDir the unpacked {@code sentiment} package, or null for no gold score
 */
public record EmbeddedScoring(ModelRef rewardModel, String sentimentDir, TokenizerKind tokenizer,
    int batchSize, double clip, double unfinishedPenalty) implements RolloutScoring {
  private static final Map<ModelRef, RewardModel> MODELS = new ConcurrentHashMap<>();
  private static final Map<String, GoldReward> GOLD = new ConcurrentHashMap<>();

  @Override
  public List<ScoredRollout> score(List<Rollout> rollouts) {
    var tok = Tokenizers.create(tokenizer);
    RewardModel rm = MODELS.computeIfAbsent(rewardModel, ref -> RewardModel.read(
        new CheckpointStore(new Configuration(), ref.storeUri()).open(ref.role(), ref.version()),
        tok.pad()));
    GoldReward gold = sentimentDir == null ? null
        : GOLD.computeIfAbsent(sentimentDir, d -> GoldReward.load(Path.of(d)));
    return new RolloutScorer(rm, gold, tok, batchSize, clip, unfinishedPenalty).score(rollouts);
  }
}
