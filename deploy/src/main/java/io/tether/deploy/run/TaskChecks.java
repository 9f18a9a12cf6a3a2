package io.tether.deploy.run;

import io.tether.core.config.ConfigException;
import io.tether.core.config.DataConfig;
import io.tether.core.config.Labeller;
import io.tether.core.config.RewardConfig;
import io.tether.core.config.RewardMode;
import io.tether.core.config.TaskKind;
import io.tether.core.config.TetherConfig;

/**
 * Combinations of keys a run cannot act on, found before any work: each stops the run with a
 * message naming the key and what to set instead.
 */
final class TaskChecks {
  private TaskChecks() {}

  static void check(TetherConfig c) {
    DataConfig d = c.data();
    if (c.sft().steps() == 0 && c.model().checkpoint().isEmpty() && !c.model().hasPretrained()) {
      throw new ConfigException("sft.steps", "sft.steps is 0 but model.checkpoint is empty:"
          + " the policy would start from random weights; set model.checkpoint to a run or"
          + " checkpoint directory, model.pretrained to a Hugging Face model directory, or"
          + " sft.steps above 0");
    }
    // the user's rule classes are loaded now, so a missing one stops the run before any work
    io.tether.reward.rule.RuleSet.of(c.reward().effectiveRules());
    RewardConfig r = c.reward();
    if (r.refreshEvery() > 0 && r.labeller() == Labeller.SIMULATED
        && d.resolvedTask() != TaskKind.DEFAULT) {
      throw new ConfigException("reward.labeller", "reward.refresh_every is " + r.refreshEvery()
          + " and reward.labeller is simulated, but only the default task has a simulated"
          + " annotator (this run's task is " + d.resolvedTask().name().toLowerCase(
              java.util.Locale.ROOT) + "); set reward.labeller: external to label the pairs"
          + " yourself");
    }
    if (d.resolvedTask() != TaskKind.FILES) {
      return;
    }
    if (d.prompts().isEmpty()) {
      throw new ConfigException("data.prompts", "data.task is files but data.prompts is empty:"
          + " name the prompts file (JSONL {\"prompt\": ...}, HH-RLHF or Parquet)");
    }
    if (c.sft().steps() > 0 && d.sft().isEmpty() && d.preferences().isEmpty()) {
      throw new ConfigException("data.sft", "sft.steps is " + c.sft().steps() + " but data.sft"
          + " and data.preferences are empty: the files task has no text to fine-tune on; set"
          + " data.sft, or sft.steps: 0 with model.checkpoint");
    }
    boolean trainsRewardModel = c.reward().mode() == RewardMode.EMBEDDED
        && c.reward().checkpoint().isEmpty();
    if (trainsRewardModel && d.preferences().isEmpty()) {
      throw new ConfigException("data.preferences", "data.preferences is empty, so the files"
          + " task has no pairs to train a reward model on; set data.preferences (HH-RLHF"
          + " chosen/rejected JSONL), reward.checkpoint, reward.mode: remote, or reward.mode:"
          + " rule with reward.rules");
    }
  }
}
