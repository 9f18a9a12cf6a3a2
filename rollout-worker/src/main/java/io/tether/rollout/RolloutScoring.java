package io.tether.rollout;

import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import java.io.Serializable;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * The reward stage run inside the rollout task (embedded mode): scores a task's rollouts where
 * they were generated. Implementations are shipped to executors, so they hold only what names
 * their model (e.g. a checkpoint reference) and load it through an executor-wide cache.
 */
@FunctionalInterface
public interface RolloutScoring extends Serializable {
  /**
   * @param hadoop the run's Hadoop configuration, as the driver shipped it: open every file
   *     (the reward model's checkpoint) through it
   */
  List<ScoredRollout> score(List<Rollout> rollouts, Configuration hadoop);
}
