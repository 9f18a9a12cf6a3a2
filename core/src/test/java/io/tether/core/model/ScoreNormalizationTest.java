package io.tether.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScoreNormalizationTest {
  private static final float[] RAW = {3.5f, -1.25f, 0.5f, 7f, 2f};

  /** Mean and population std of the normalised scores, by a plain loop in double. */
  private static double[] moments(ScoreNormalization n, float[] raw) {
    double sum = 0;
    double sq = 0;
    for (float r : raw) {
      double v = n.apply(r);
      sum += v;
      sq += v * v;
    }
    double mean = sum / raw.length;
    return new double[] {mean, Math.sqrt(sq / raw.length - mean * mean)};
  }

  @Test
  void fittedScoresHaveMeanZeroAndStdOne() {
    double[] m = moments(ScoreNormalization.fittedTo(RAW), RAW);
    assertEquals(0, m[0], 1e-9);
    assertEquals(1, m[1], 1e-9);
  }

  @Test
  void matchingGivesTheTargetMeanAndStd() {
    double[] m = moments(ScoreNormalization.matching(RAW, 2.5, 0.4), RAW);
    assertEquals(2.5, m[0], 1e-9);
    assertEquals(0.4, m[1], 1e-9);
    // 3.5 lies (3.5 - 2.35) / 2.8089 raw stds above the raw mean: as many target stds above 2.5
    double std = Math.sqrt((1.15 * 1.15 + 3.6 * 3.6 + 1.85 * 1.85 + 4.65 * 4.65 + 0.35 * 0.35)
        / 5);
    assertEquals(2.5 + 0.4 * (3.5 - 2.35) / std,
        ScoreNormalization.matching(RAW, 2.5, 0.4).apply(3.5), 1e-6);
  }

  @Test
  void aDegenerateTargetStdIsTakenAsOne() {
    double[] m = moments(ScoreNormalization.matching(RAW, -1, 0), RAW);
    assertEquals(-1, m[0], 1e-9);
    assertEquals(1, m[1], 1e-9);
  }
}
