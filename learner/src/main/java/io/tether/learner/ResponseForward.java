package io.tether.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.tether.core.model.GptModel;
import io.tether.core.model.TokenLogprobs;

/** Forward passes of the policy and the critic, read out in response space (b, A). */
final class ResponseForward {
  private ResponseForward() {}

  /**
   * Log-probs of the response tokens and the policy entropy at each response position, under
   * {@code softmax(logits / temperature)} (the rollout's sampling distribution).
   *
   * @return logp (b, A), entropy (b, A); values on masked positions are meaningless
   */
  static NDList policy(GptModel policy, Minibatch mb, NDArray invTemperature) {
    NDArray hidden = policy.hidden(mb.inputs());
    NDArray logSoftmax =
        TokenLogprobs.logSoftmaxAt(policy, hidden, mb.columns(), invTemperature);
    NDArray logp = TokenLogprobs.pick(logSoftmax, mb.targets());
    return new NDList(logp, PpoMath.entropy(logSoftmax));
  }

  /** Critic values V(s_t) before each response token, (b, A). */
  static NDArray values(GptModel critic, Minibatch mb) {
    NDArray hidden = critic.hidden(mb.inputs());
    return critic.values(hidden).gather(mb.columns(), 1);
  }
}
