package io.tether.core.model;

/**
 * The affine map a reward model's raw head output goes through before the learner sees it:
 * {@code score = (raw - shift) / scale}. Identity when the reward model is not normalised.
 *
 * @param shift subtracted from the raw score
 * @param scale divides the shifted score, > 0 and finite
 */
public record ScoreNormalization(double shift, double scale) {

  public ScoreNormalization {
    if (!Double.isFinite(shift) || !(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("a score normalisation needs a finite shift and a finite"
          + " scale > 0, got shift " + shift + ", scale " + scale);
    }
  }

  /** No normalisation. */
  public static ScoreNormalization identity() {
    return new ScoreNormalization(0, 1);
  }

  /** Shift and scale that map {@code rawScores} to mean 0 and (population) std 1. */
  public static ScoreNormalization fittedTo(float[] rawScores) {
    if (rawScores.length == 0) {
      throw new IllegalArgumentException("no scores to fit a normalisation to");
    }
    double mean = 0;
    for (float s : rawScores) {
      mean += s / (double) rawScores.length;
    }
    double var = 0;
    for (float s : rawScores) {
      var += (s - mean) * (s - mean) / rawScores.length;
    }
    double std = Math.sqrt(var);
    return new ScoreNormalization(mean, std > 1e-6 ? std : 1.0);
  }

  /**
   * Shift and scale that map {@code rawScores} to mean {@code mean} and (population) std {@code
   * std}: {@code fittedTo}'s map followed by {@code z * std + mean}. A {@code std} of 1e-6 or less
   * is taken as 1.
   */
  public static ScoreNormalization matching(float[] rawScores, double mean, double std) {
    ScoreNormalization z = fittedTo(rawScores);
    double s = std > 1e-6 && Double.isFinite(std) ? std : 1.0;
    return new ScoreNormalization(z.shift - mean * z.scale / s, z.scale / s);
  }

  /** {@code (raw - shift) / scale}. */
  public double apply(double raw) {
    return (raw - shift) / scale;
  }
}
