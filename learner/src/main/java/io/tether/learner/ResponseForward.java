package io.tether.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tether.core.model.GptModel;
import io.tether.core.model.ModelInputs;
import io.tether.core.model.ResponseBatch;

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
    ResponseBatch rb = mb.batch();
    NDArray hidden = policy.hidden(ModelInputs.of(m, rb.tokens(), policy.dtype()), null);
    NDArray logits = policy.logits(hidden);
    long t = logits.getShape().get(1);
    NDArray logSoftmax = logits.get(":, :{}, :", t - 1).mul(invTemperature).logSoftmax(-1);
    NDArray targets = m.create(rb.targets(), new Shape(rb.batchSize(), rb.shiftedLength()));
    NDArray logp = logSoftmax.gather(targets.expandDims(-1), -1).squeeze(-1);
    NDArray entropy = PpoMath.entropy(logSoftmax);
    return new NDList(logp.gather(mb.columns(), 1), entropy.gather(mb.columns(), 1));
  }

  /** Critic values V(s_t) before each response token, (b, A). */
  static NDArray values(NDManager m, GptModel critic, Minibatch mb) {
    NDArray hidden = critic.hidden(ModelInputs.of(m, mb.batch().tokens(), critic.dtype()), null);
    return critic.values(hidden).gather(mb.columns(), 1);
  }
}
