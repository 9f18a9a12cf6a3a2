package io.tether.learner;

import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.checkpoint.CheckpointWriter;
import io.tether.core.checkpoint.Role;
import io.tether.core.model.GptModel;
import io.tether.core.model.ModelStore;
import java.util.List;
import java.util.OptionalLong;

/**
 * Publishes policy versions through the checkpoint store. Version v holds the weights after v
 * completed iterations. The critic and the learner state go first (role {@code critic}), the
 * policy last (role {@code policy}): executors follow the policy's LATEST, so they never see a
 * version whose learner state is missing, and a crash between the two commits leaves the previous
 * version as the resume point.
 */
public final class Publisher {
  private Publisher() {}

  /** Writes version {@code version} of the critic + learner state, then of the policy. */
  public static void publish(CheckpointStore store, long version, GptModel policy,
      GptModel critic, PpoLearner learner) {
    try (CheckpointWriter w = store.begin(Role.CRITIC, version)) {
      ModelStore.write(w, critic);
      new LearnerState(version, learner.klController().coef()).write(w, learner);
      w.commit();
    }
    try (CheckpointWriter w = store.begin(Role.POLICY, version)) {
      ModelStore.write(w, policy);
      w.commit();
    }
  }

  /** The newest version complete for both roles: where a resumed run continues. */
  public static OptionalLong resumeVersion(CheckpointStore store) {
    List<Long> policies = store.versions(Role.POLICY);
    List<Long> critics = store.versions(Role.CRITIC);
    for (int i = policies.size() - 1; i >= 0; i--) {
      if (critics.contains(policies.get(i))) {
        return OptionalLong.of(policies.get(i));
      }
    }
    return OptionalLong.empty();
  }
}
