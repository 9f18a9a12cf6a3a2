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
 * completed iterations. The critic and the learner state go first (role {@code critic}; without a
 * critic, the learner state alone in role {@code learner}), the policy last (role {@code
 * policy}): executors follow the policy's LATEST, so they never see a version whose learner state
 * is missing, and a crash between the two commits leaves the previous version as the resume
 * point. The learner state stays out of the policy's directory because every executor verifies
 * and reads that one.
 */
public final class Publisher {
  private Publisher() {}

  /**
   * Writes version {@code version} of the critic + learner state (or the learner state alone
   * when {@code critic} is null), then of the policy.
   */
  public static void publish(CheckpointStore store, long version, GptModel policy,
      GptModel critic, PpoLearner learner) {
    try (CheckpointWriter w = store.begin(stateRole(critic != null), version)) {
      if (critic != null) {
        ModelStore.write(w, critic);
      }
      new LearnerState(version, learner.klController().coef()).write(w, learner);
      w.commit();
    }
    try (CheckpointWriter w = store.begin(Role.POLICY, version)) {
      ModelStore.write(w, policy);
      w.commit();
    }
  }

  /** Where the learner state is kept: with the critic, else in role {@code learner}. */
  public static Role stateRole(boolean critic) {
    return critic ? Role.CRITIC : Role.LEARNER;
  }

  /**
   * The newest version complete for the policy and the learner state's role: where a resumed run
   * continues.
   */
  public static OptionalLong resumeVersion(CheckpointStore store, boolean critic) {
    List<Long> policies = store.versions(Role.POLICY);
    List<Long> critics = store.versions(stateRole(critic));
    for (int i = policies.size() - 1; i >= 0; i--) {
      if (critics.contains(policies.get(i))) {
        return OptionalLong.of(policies.get(i));
      }
    }
    return OptionalLong.empty();
  }
}
