package io.tether.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The Bradley-Terry preference loss, graph-safe (no Java number operands). */
public final class BradleyTerry {
  private BradleyTerry() {}

  /**
   * Mean of {@code -log sigmoid(r_chosen - r_rejected)} = {@code softplus(r_rejected -
   * r_chosen)}, numerically stable for large margins of either sign.
   *
   * @param chosen (P) scores of the preferred texts
   * @param rejected (P) scores of the other texts
   * @return 0-d loss
   */
  public static NDArray loss(NDArray chosen, NDArray rejected) {
    return Activation.softPlus(rejected.sub(chosen)).mean();
  }
}
