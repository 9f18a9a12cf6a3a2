package io.tether.deploy.bench;

/** What a row's ratio can physically be, so that an impossible one is not printed as good. */
public enum RatioBound {
  /** Any positive ratio: a speed-up, a size against another codec's. */
  POSITIVE(0, Double.POSITIVE_INFINITY),
  /**
   * A utilisation or a share of a whole: model FLOPs against a roofline (above 1, the roofline
   * was measured low), a stage's time against the iteration's.
   */
  AT_MOST_ONE(0, 1),
  /** A time against its lower bound: a step against the time its FLOPs take at the roofline. */
  AT_LEAST_ONE(1, Double.POSITIVE_INFINITY);

  private final double min;
  private final double max;

  RatioBound(double min, double max) {
    this.min = min;
    this.max = max;
  }

  /** Whether {@code ratio} is finite and within the bound ({@code POSITIVE}: above 0). */
  public boolean allows(double ratio) {
    return Double.isFinite(ratio) && ratio > 0 && ratio >= min && ratio <= max;
  }
}
