package io.tether.reward.flight;

/** The remote reward service could not score a batch; the message names its address. */
public final class RewardServiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RewardServiceException(String message, Throwable cause) {
    super(message, cause);
  }
}
