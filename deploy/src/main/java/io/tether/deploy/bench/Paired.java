package io.tether.deploy.bench;

/**
 * A figure and its baseline, measured in turn ({@link Interleaved}), so that both saw the same
 * load on the machine.
 *
 * @param value the repeats of the measured figure
 * @param baseline the repeats of the baseline, in the same unit
 */
public record Paired(Sample value, Sample baseline) {
  /** Above this spread (interquartile range / median) a side is too noisy to take a ratio of. */
  public static final double MAX_SPREAD = 0.25;

  /** Median over median. */
  public double ratio() {
    return value.median() / baseline.median();
  }

  /** The larger of the two spreads. */
  public double spread() {
    return Math.max(value.spread(), baseline.spread());
  }

  /** Both spreads under {@link #MAX_SPREAD} and the ratio within {@code bound}. */
  public boolean reliable(RatioBound bound) {
    return spread() < MAX_SPREAD && bound.allows(ratio());
  }

  /** A figure compared with itself (a throughput with no baseline of its own). */
  public static Paired self(Sample value) {
    return new Paired(value, value);
  }
}
