package io.tether.learner;

/**
 * A NaN or infinity in rewards, log-probs, losses or gradients. Thrown before the optimizer step
 * so that no bad weights are published; the message says where the value came from.
 */
public final class NonFiniteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NonFiniteException(String message) {
    super(message);
  }
}
