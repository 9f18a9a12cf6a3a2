package io.tether.deploy.run;

import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.tokenizer.Tokenizer;
import io.tether.reward.GoldReward;
import io.tether.reward.RewardModel;
import io.tether.reward.RolloutScorer;
import io.tether.rollout.ModelRef;
import io.tether.rollout.RolloutScoring;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;

/**
 * The embedded reward stage: scores rollouts inside the rollout task with the reward model named
 * by {@code rewardModel}, loaded once per executor JVM, and the gold reward when the default
 * task's lexicon is given. The lexicon travels with the task (it is read on the driver), so
 * executors on other hosts need no copy of the data directory. The model is read through the
 * run's Hadoop configuration that the rollout stage shipped with the task.
 *
 * @param gold the default task's gold reward, or null for no gold score
 */
public record EmbeddedScoring(ModelRef rewardModel, GoldReward gold, Tokenizer tokenizer,
    int batchSize, double clip, double unfinishedPenalty) implements RolloutScoring {
  private static final Map<ModelRef, RewardModel> MODELS = new ConcurrentHashMap<>();

  @Override
  public List<ScoredRollout> score(List<Rollout> rollouts, Configuration hadoop) {
    Tokenizer tok = tokenizer;
    RewardModel rm = MODELS.computeIfAbsent(rewardModel, ref -> RewardModel.read(
        new CheckpointStore(hadoop, ref.storeUri()).open(ref.role(), ref.version()),
        tok.pad()));
    return new RolloutScorer(rm, gold, tok, batchSize, clip, unfinishedPenalty).score(rollouts);
  }
}
