package io.tether.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.tether.core.model.GptModel;
import io.tether.core.model.ModelInputs;
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
  static NDList policy(NDManager m, GptModel policy, Minibatch mb, NDArray invTemperature) {
    NDArray hidden = policy.hidden(ModelInputs.of(m, mb.batch().tokens(), policy.dtype()));
    NDArray logSoftmax =
        TokenLogprobs.logSoftmaxAt(policy, hidden, mb.columns(), invTemperature);
    NDArray logp = TokenLogprobs.pick(logSoftmax, mb.targets());
    return new NDList(logp, PpoMath.entropy(logSoftmax));
  }

  /** Critic values V(s_t) before each response token, (b, A). */
  static NDArray values(NDManager m, GptModel critic, Minibatch mb) {
    NDArray hidden = critic.hidden(ModelInputs.of(m, mb.batch().tokens(), critic.dtype()));
    return critic.values(hidden).gather(mb.columns(), 1);
  }
}
