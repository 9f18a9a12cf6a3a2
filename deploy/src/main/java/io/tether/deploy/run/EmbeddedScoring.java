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
import io.tether.core.config.RewardConfig;
import io.tether.reward.rule.References;
import io.tether.reward.rule.RuleScorer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;

/**
 * The embedded reward stage: scores rollouts inside the rollout task with the reward model named
 * by {@code rewardModel}, loaded once per executor JVM, adds the rule rewards, and the gold
 * reward when the default task's lexicon is given. The lexicon and the reference answers travel
 * with the task (they are read on the driver), so executors on other hosts need no copy of the
 * data directory. The model is read through the run's Hadoop configuration that the rollout stage
 * shipped with the task.
 *
 * @param rewardModel the reward model; null in {@code reward.mode: rule}
 * @param gold the default task's gold reward, or null for no gold score
 * @param reward the reward section: clip, penalty, model weight and rules
 * @param references the prompts' reference answers, for {@code exact_match}
 */
public record EmbeddedScoring(ModelRef rewardModel, GoldReward gold, Tokenizer tokenizer,
    RewardConfig reward, References references) implements RolloutScoring {
  private static final Map<ModelRef, RewardModel> MODELS = new ConcurrentHashMap<>();

  @Override
  public List<ScoredRollout> score(List<Rollout> rollouts, Configuration hadoop) {
    if (rewardModel == null) {
      return rules().rulesOnly(rollouts, gold);
    }
    Tokenizer tok = tokenizer;
    evictOtherVersions();
    RewardModel rm = MODELS.computeIfAbsent(rewardModel, ref -> RewardModel.read(
        new CheckpointStore(hadoop, ref.storeUri()).open(ref.role(), ref.version()),
        tok.pad()));
    return withRules(new RolloutScorer(rm, gold, tok, reward.batchSize(), reward.scoreClip(),
        reward.unfinishedPenalty()).score(rollouts));
  }

  /**
   * Closes the models of this run's other reward versions held by this JVM: after a refresh
   * (reward.refresh_every) the earlier version scores no more (a stage's tasks all finish before
   * the next stage's start).
   */
  private void evictOtherVersions() {
    MODELS.keySet().removeIf(ref -> {
      boolean other = ref.storeUri().equals(rewardModel.storeUri())
          && ref.role() == rewardModel.role() && ref.version() != rewardModel.version();
      if (other) {
        RewardModel old = MODELS.get(ref);
        if (old != null) {
          old.close();
        }
      }
      return other;
    });
  }

  /** Model-scored rollouts (here, or by the reward service) with the rule rewards added. */
  public List<ScoredRollout> withRules(List<ScoredRollout> modelScored) {
    return reward.effectiveRules().isEmpty() ? modelScored : rules().combine(modelScored);
  }

  private RuleScorer rules() {
    return RuleScorers.of(reward, reward.effectiveRules(), tokenizer, references);
  }
}
