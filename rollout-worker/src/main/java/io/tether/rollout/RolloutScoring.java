package io.tether.rollout;

import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import java.io.Serializable;
import java.util.List;

/**
 * The reward stage run inside the rollout task (embedded mode): scores a task's rollouts where
 * they were generated. Implementations are shipped to executors, so they hold only what names
 * their model (e.g. a checkpoint reference) and load it through an executor-wide cache.
 */
@FunctionalInterface
public interface RolloutScoring extends Serializable {
  List<ScoredRollout> score(List<Rollout> rollouts);
}
